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
