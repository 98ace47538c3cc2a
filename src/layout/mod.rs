//! Stage 3, layout: composed text → a laid-out document → PDF bytes.
//!
//! [`typst`] is the Typst layout (with its [`world`], embedded [`fonts`], [`typeset`] for
//! compile and PDF export, and [`inspect`] to read a laid-out document back). A DOCX layout
//! will sit beside it; the renderer chooses between them in one place
//! ([`crate::render::Renderer::make`]).

pub mod fonts;
pub mod inspect;
pub mod typeset;
pub mod typst;
pub mod world;
