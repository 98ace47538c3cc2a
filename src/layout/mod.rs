//! Stage 3, layout: composed text → a laid-out document → PDF bytes.
//!
//! [`typst`] is the Typst layout (with its [`world`], embedded [`fonts`], [`typeset`] for
//! compile and PDF export, and [`inspect`] to read a laid-out document back). The DOCX
//! layout ([`docx`]: its values, its vocabulary of layout calls and its WordprocessingML
//! writer) reads the same generated source a second time and writes a Word draft; the
//! renderer asks for it in one place.

pub mod docx;
pub mod fonts;
pub mod inspect;
pub mod typeset;
pub mod typst;
pub mod world;
