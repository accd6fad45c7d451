use sitrep_store::{EventFilter, Page, Store};

#[test]
fn open_creates_and_migrates_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), sitrep_store::latest_version());
    assert_eq!(s.documents_count().unwrap(), 0);
    let page = s.events(&EventFilter::default(), Page::first(10)).unwrap();
    assert!(page.events.is_empty() && page.next.is_none());
    drop(s);
    let r = Store::open_read_only(&path).unwrap();
    assert_eq!(r.stats().unwrap().events, 0);
}
