//! What a feature's own problem gives the error type that carries it: its words in both
//! languages, itself (for code that looks for its kind), and the exit status it means.

use super::Words;

/// A problem a feature above the foundation words for itself (signing, gathering), carried
/// by the error type's `Feature` variant without the error type naming the feature.
pub trait Worded: std::fmt::Debug + Send + Sync + 'static {
    /// The message and the hint, side by side in both languages.
    fn text(&self) -> (Words, Words);
    /// The problem itself, for callers that look for a feature's own kind of problem.
    fn as_any(&self) -> &dyn std::any::Any;
    /// The process's exit status for it (the error type's table of them); 1, bad input,
    /// unless the feature says otherwise.
    fn exit_code(&self) -> i32 {
        1
    }
}
