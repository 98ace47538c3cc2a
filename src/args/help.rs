//! The help in the user's language. The English is clap's, from the doc comments; in
//! Vietnamese each subcommand's about and each argument's help come from [`HELP_VI`],
//! clap's own words (headings, `[default: …]`, the help flag) are replaced too. The language
//! is chosen as the messages' is, before clap builds the help: `--lang`, then `LANG`.

use std::ffi::OsString;

use clap::{Arg, Command, CommandFactory, FromArgMatches, ValueEnum};

use super::Cli;
use super::vi::HELP_VI;
use super::vi_more::HELP_VI_MORE;
use super::vi_tasks::HELP_VI_TASKS;

/// Every line of the Vietnamese table.
fn entries() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    HELP_VI.iter().chain(HELP_VI_MORE).chain(HELP_VI_TASKS)
}
use crate::problem::Lang;

/// Reads the command line in `lang`'s help; exits as clap does on `--help`, `--version` or
/// a usage error.
pub fn parse() -> Cli {
    let lang = Lang::detect(peek_lang(std::env::args_os()));
    let mut command = command(lang);
    let matches = command.get_matches_mut();
    Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.format(&mut command).exit())
}

/// The `--lang` given on the command line (`--lang en`, `--lang=en`), read before clap
/// parses it; none after `--`, or when its value is not a language.
pub fn peek_lang(args: impl IntoIterator<Item = OsString>) -> Option<Lang> {
    let mut args = args.into_iter().skip(1);
    while let Some(arg) = args.next() {
        let value = match arg.to_str() {
            Some("--") => return None,
            Some("--lang") => args.next(),
            Some(arg) => arg.strip_prefix("--lang=").map(OsString::from),
            None => None,
        };
        if let Some(value) = value {
            return value.to_str().and_then(|v| Lang::from_str(v, true).ok());
        }
    }
    None
}

/// Where the whole manual is, under the top-level help.
const DOCS_VI: &str = "Tài liệu: README.md và thư mục docs/ của vanban — định dạng bản ghi \
(docs/record-format.md), văn phòng và trang web (docs/office.md), ký số (docs/signatures.md), \
kho lưu trữ (docs/archive.md), theo dõi nhiệm vụ (docs/tasks.md).";
const DOCS_EN: &str = "Documentation: vanban's README.md and docs/ folder: the record format \
(docs/record-format.md), the office and its pages (docs/office.md), signing \
(docs/signatures.md), the archive (docs/archive.md), task follow-up (docs/tasks.md).";

/// The command line as clap reads it, its help in `lang`.
pub fn command(lang: Lang) -> Command {
    let mut command = Cli::command().after_help(lang.pick(DOCS_VI, DOCS_EN));
    if lang == Lang::En {
        return command;
    }
    // Built first, so that clap's own help flag, version flag and `help` subcommand exist
    // and are put in Vietnamese too.
    command.build();
    localize(command, "", "")
}

/// The Vietnamese of the command keyed `key` (its path, such as `archive.search`).
pub(crate) fn command_text(key: &str) -> Option<&'static str> {
    let name = key.rsplit('.').next().unwrap_or(key);
    find(key).or_else(|| find(&format!("*/{name}")))
}

/// The Vietnamese of argument `id` of the command whose arguments are keyed `prefix`.
pub(crate) fn arg_text(prefix: &str, id: &str) -> Option<&'static str> {
    find(&join(prefix, id)).or_else(|| find(&format!("*.{id}")))
}

/// The keys of subcommand `name` of the command whose children are keyed `prefix`: its own,
/// and its arguments' and children's. Clap's `help` subcommand lists the other subcommands
/// again: they keep their own keys.
pub(crate) fn child_keys(prefix: &str, name: &str) -> (String, String) {
    let own = join(prefix, name);
    let children = if name == "help" {
        prefix.to_string()
    } else {
        own.clone()
    };
    (own, children)
}

fn find(key: &str) -> Option<&'static str> {
    entries().find(|(k, _)| *k == key).map(|(_, vi)| *vi)
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

/// `command` and everything under it in Vietnamese.
fn localize(command: Command, own: &str, prefix: &str) -> Command {
    let template = template(&command);
    let mut command = command.subcommand_value_name("LỆNH");
    let usage = command.render_usage().to_string();
    let usage = usage
        .strip_prefix("Usage: ")
        .unwrap_or(&usage)
        .replace("[OPTIONS]", "[TÙY CHỌN]");
    let command = match command_text(own) {
        Some(about) => command.about(about).long_about(None),
        None => command,
    };
    command
        .help_template(template)
        .override_usage(usage)
        .subcommand_help_heading("Lệnh")
        .mut_args(|arg| localize_arg(arg, prefix))
        .mut_subcommands(|sub| {
            let (own, children) = child_keys(prefix, sub.get_name());
            localize(sub, &own, &children)
        })
}

/// One argument's help in Vietnamese, with its default and its values written in it
/// (clap would write them in English).
fn localize_arg(arg: Arg, prefix: &str) -> Arg {
    let Some(vi) = arg_text(prefix, arg.get_id().as_str()) else {
        return arg;
    };
    let mut help = vi.to_string();
    let mut arg = arg;
    let takes_values = arg.get_action().takes_values();
    if takes_values && !arg.is_hide_default_value_set() && !arg.get_default_values().is_empty() {
        let defaults: Vec<_> = arg.get_default_values().iter().map(|v| v.to_string_lossy()).collect();
        help.push_str(&format!(" [mặc định: {}]", defaults.join(",")));
        arg = arg.hide_default_value(true);
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_values && !arg.is_hide_possible_values_set() && !values.is_empty() {
        help.push_str(&format!(" [giá trị: {}]", values.join(", ")));
        arg = arg.hide_possible_values(true);
    }
    arg.help(help).long_help(None)
}

/// Clap's help layout with Vietnamese headings: only the sections `command` has.
fn template(command: &Command) -> String {
    let styles = command.get_styles();
    let (usage, header) = (styles.get_usage(), styles.get_header());
    let mut out = format!("{{before-help}}{{about-with-newline}}\n{usage}Cách dùng:{usage:#} {{usage}}");
    let mut section = |heading: &str, tag: &str| out.push_str(&format!("\n\n{header}{heading}:{header:#}\n{{{tag}}}"));
    if command.get_subcommands().any(|s| !s.is_hide_set()) {
        section("Lệnh", "subcommands");
    }
    if command.get_positionals().any(|a| !a.is_hide_set()) {
        section("Đối số", "positionals");
    }
    if command.get_arguments().any(|a| !a.is_positional() && !a.is_hide_set()) {
        section("Tùy chọn", "options");
    }
    out.push_str("{after-help}");
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use unicode_normalization::UnicodeNormalization;

    use super::*;

    /// Every subcommand and argument under `command` without Vietnamese, and the keys used.
    fn walk(command: &Command, own: &str, prefix: &str, missing: &mut Vec<String>, used: &mut BTreeSet<String>) {
        match command_text(own) {
            Some(_) => used.extend([own.to_string(), format!("*/{}", command.get_name())]),
            None => missing.push(format!("subcommand `{own}`")),
        }
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            match arg_text(prefix, id) {
                Some(_) => used.extend([join(prefix, id), format!("*.{id}")]),
                None => missing.push(format!("argument `{id}` of `{own}`")),
            }
        }
        for sub in command.get_subcommands() {
            let (own, children) = child_keys(prefix, sub.get_name());
            walk(sub, &own, &children, missing, used);
        }
    }

    #[test]
    fn every_subcommand_and_argument_has_its_vietnamese() {
        let mut command = Cli::command();
        command.build();
        let (mut missing, mut used) = (Vec::new(), BTreeSet::new());
        walk(&command, "", "", &mut missing, &mut used);
        assert!(missing.is_empty(), "no Vietnamese help in args/vi.rs for: {missing:#?}");
        let unused: Vec<_> = entries().filter(|(k, _)| !used.contains(*k)).map(|(k, _)| k).collect();
        assert!(unused.is_empty(), "keys that name nothing: {unused:?}");
        let keys: BTreeSet<_> = entries().map(|(k, _)| k).collect();
        assert_eq!(keys.len(), entries().count(), "a key twice");
        for (key, vi) in entries() {
            assert_eq!(vi.nfc().collect::<String>(), *vi, "{key}: not NFC");
        }
    }

    #[test]
    fn vietnamese_help_keeps_the_command_line_working() {
        let mut render = command(Lang::Vi);
        let render = render.find_subcommand_mut("render").unwrap();
        let help = render.render_long_help().to_string();
        for part in [
            "Cách dùng:",
            "Đối số:",
            "Tùy chọn:",
            "Thư mục ghi kết quả. [mặc định: out]",
            "In trợ giúp",
        ] {
            assert!(help.contains(part), "{part}: {help}");
        }
        assert!(!help.contains("Options:") && !help.contains("[default:"), "{help}");
        let matches = command(Lang::Vi)
            .try_get_matches_from(["vanban", "render", "a.yaml", "--format", "pdf,docx"])
            .unwrap();
        let cli = Cli::from_arg_matches(&matches).unwrap();
        assert!(matches!(cli.command, super::super::Command::Render(ref a) if a.format.len() == 2));
    }

    #[test]
    fn the_language_is_read_before_clap() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(peek_lang(args(&["vanban", "--lang", "en", "render"])), Some(Lang::En));
        assert_eq!(peek_lang(args(&["vanban", "render", "--lang=vi"])), Some(Lang::Vi));
        assert_eq!(peek_lang(args(&["vanban", "render", "--", "--lang", "en"])), None);
        assert_eq!(peek_lang(args(&["vanban", "--lang", "fr"])), None);
        assert_eq!(peek_lang(args(&["vanban", "--help"])), None);
    }
}
