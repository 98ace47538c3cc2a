//! Every input the fuzzer ever found, or a sample, runs through the pipeline without a panic.

use std::path::Path;

#[test]
fn fuzz_regressions_and_samples_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs: Vec<_> = std::fs::read_dir(root.join("tests/fuzz-regressions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    for input in &inputs {
        vanban::fuzz::record(&std::fs::read(input).unwrap());
    }
    let seed = std::fs::read(root.join("samples/an-phu-2026-02-05.yaml")).unwrap();
    assert_eq!(
        vanban::fuzz::record(&seed),
        6,
        "a sample lays out its minutes, notice, news, invitation, plan and letter"
    );
}
