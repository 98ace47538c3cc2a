//! Stage 3, layout: composed text → a laid-out document → PDF bytes.
//!
//! [`typst`] is the Typst layout (with its [`world`], embedded [`fonts`], [`typeset`] for
//! compile and PDF export, and [`inspect`] to read a laid-out document back). The DOCX
//! layout ([`docx`], with [`docx_vocab`] and [`docx_xml`]) reads the same generated source a
//! second time and writes a Word draft; the renderer asks for it in one place
//! ([`crate::render::Renderer::render_formats`]).

pub mod docx;
pub mod docx_vocab;
pub mod docx_xml;
pub mod fonts;
pub mod inspect;
pub mod typeset;
pub mod typst;
pub mod world;
