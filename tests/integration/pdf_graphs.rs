//! Property test: arbitrary graphs of form fields and attachments, loops and shared kids
//! included, through `verify` and `extract`. Every walk ends, and a field reached twice is
//! refused by name instead of being walked again.

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use proptest::prelude::*;
use vanban::sign::SignProblem;

/// A PDF whose form lists `roots`, field `i` holding the fields `kids[i]` (a field without
/// kids is a signature field); `attached` files whose streams point anywhere in the graph.
fn pdf(kids: &[Vec<usize>], roots: &[usize], attached: &[usize]) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let ids: Vec<ObjectId> = kids.iter().map(|_| doc.new_object_id()).collect();
    let reference = |i: &usize| Object::Reference(ids[*i]);
    for (i, its) in kids.iter().enumerate() {
        let mut field = Dictionary::new();
        field.set("T", Object::string_literal(format!("f{i}")));
        if its.is_empty() {
            field.set("FT", Object::Name(b"Sig".to_vec()));
        } else {
            field.set("Kids", Object::Array(its.iter().map(reference).collect()));
        }
        doc.objects.insert(ids[i], Object::Dictionary(field));
    }
    for (n, target) in attached.iter().enumerate() {
        let stream = doc.add_object(Stream::new(Dictionary::new(), format!("tệp {n}").into_bytes()));
        let mut ef = Dictionary::new();
        ef.set(
            "F",
            if n % 2 == 0 {
                Object::Reference(stream)
            } else {
                reference(target)
            },
        );
        let mut spec = Dictionary::new();
        spec.set("Type", Object::Name(b"Filespec".to_vec()));
        spec.set("UF", Object::string_literal(format!("f{n}.yaml")));
        spec.set("EF", Object::Dictionary(ef));
        spec.set("Parent", reference(target));
        doc.add_object(spec);
    }
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Kids", Object::Array(Vec::new()));
    pages.set("Count", Object::Integer(0));
    let pages = doc.add_object(pages);
    let mut form = Dictionary::new();
    form.set("Fields", Object::Array(roots.iter().map(reference).collect()));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages));
    catalog.set("AcroForm", Object::Dictionary(form));
    let catalog = doc.add_object(catalog);
    doc.trailer.set("Root", Object::Reference(catalog));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// Whether walking from `roots` reaches some field twice.
fn reaches_a_field_twice(kids: &[Vec<usize>], roots: &[usize]) -> bool {
    let mut seen = HashSet::new();
    let mut stack: Vec<usize> = roots.to_vec();
    while let Some(i) = stack.pop() {
        if !seen.insert(i) {
            return true;
        }
        stack.extend(&kids[i]);
    }
    false
}

fn graph() -> impl Strategy<Value = (Vec<Vec<usize>>, Vec<usize>, Vec<usize>)> {
    (1usize..10).prop_flat_map(|n| {
        (
            prop::collection::vec(prop::collection::vec(0..n, 0..4), n),
            prop::collection::vec(0..n, 1..4),
            prop::collection::vec(0..n, 0..3),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_field_graph_is_walked_once_or_refused(case in graph()) {
        let (kids, roots, attached) = case;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("do-thi.pdf");
        std::fs::write(&path, pdf(&kids, &roots, &attached)).unwrap();
        let looped = reaches_a_field_twice(&kids, &roots);
        let error = vanban::sign::verify::verify(&path, None, None).expect_err("no signature in these graphs");
        match error.feature_problem::<SignProblem>() {
            Some(SignProblem::FieldCycle { object }) => {
                prop_assert!(looped, "refused {object} in a graph without repeats");
                prop_assert!(object.ends_with(" 0 R"));
            }
            Some(SignProblem::NoSignatures) => prop_assert!(!looped),
            _ => prop_assert!(false, "unexpected {error:?}"),
        }
        let found = vanban::output::extract::attachments_in(&std::fs::read(&path).unwrap(), &path);
        prop_assert!(found.is_ok());
    }
}
