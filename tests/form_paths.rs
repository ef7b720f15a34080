//! One grammar of form paths: the core's `FormPath` on the list the widget is tested on too.

use crate::util::root;
use serde_json::{json, Value};
use yoken::text::form_path::Step;
use yoken::FormPath;

#[test]
fn the_core_reads_the_shared_list_of_paths() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/form-paths.json")).unwrap();
    let fixture: Value = serde_json::from_str(&text).unwrap();
    let paths = fixture["paths"].as_array().unwrap();
    assert!(paths.len() > 20);
    for case in paths {
        let path = case["path"].as_str().unwrap();
        let steps = FormPath::parse(path).map(|p| {
            p.steps()
                .iter()
                .map(|s| match s {
                    Step::Key(k) => json!(k),
                    Step::Index(i) => json!(i),
                })
                .collect::<Vec<_>>()
        });
        assert_eq!(json!(steps), case["steps"], "{path:?}");
        if let Some(p) = FormPath::parse(path) {
            assert_eq!(p.to_string(), path, "written back as read");
        }
    }
}

/// A session parses each edit's path into the storage of the last one's: whatever the paths before
/// it, an edit sets the field the core's `FormPath` names (and refuses text that is no path).
#[test]
fn a_session_reads_each_edits_path_as_the_core_does_whatever_came_before() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/form-paths.json")).unwrap();
    let fixture: Value = serde_json::from_str(&text).unwrap();
    let paths: Vec<&str> = fixture["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    let catalog = yoken::Catalog::new();
    let today = yoken::date("today", "2025-12-01").unwrap();
    // Forward, backward, and each path after every other: longer and shorter paths, keys
    // where indices were, refused text in between.
    let mut order: Vec<&str> = paths.iter().chain(paths.iter().rev()).copied().collect();
    for a in &paths {
        for b in &paths {
            order.extend([*a, *b]);
        }
    }
    let programme = catalog.shared("maff-mohouhin-r7").unwrap();
    let mut session = yoken::Session::new(programme, today, yoken::Options::traced(false));
    let mut expected = json!({});
    for (i, path) in order.iter().enumerate() {
        // A fresh form now and then, so later paths meet no clashes left by earlier ones.
        if i % 7 == 0 {
            session.replace(json!({})).unwrap();
            expected = json!({});
        }
        let value = json!(format!("{i}"));
        let set = session.set(path, value.clone());
        let plain = FormPath::parse(path).map(|p| p.set(&mut expected, value));
        match plain {
            None => assert!(set.is_err(), "{path:?} is no path"),
            Some(Ok(())) => assert!(set.is_ok(), "{path:?}: {set:?}"),
            Some(Err(_)) => assert!(set.is_err(), "{path:?} clashes"),
        }
        assert_eq!(session.form(), &expected, "after {path:?} (edit {i})");
        session.delta_json().unwrap();
    }
}
