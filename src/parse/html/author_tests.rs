use super::*;
use crate::parse::html::json_ld;

fn author_of(html: &str, site: Option<&str>, url: Option<&str>) -> Option<String> {
    let document = Document::from(html);
    let ld = json_ld::read(&document);
    author(&document, &ld, "", site, url)
}

#[test]
fn bylines_become_names() {
    assert_eq!(clean_author("By Jane Doe - June 12, 2025").as_deref(), Some("Jane Doe"));
    assert_eq!(clean_author("BySummer Swann").as_deref(), Some("Summer Swann"));
    assert_eq!(clean_author("Hlín Eyjólfsdóttir").as_deref(), Some("Hlín Eyjólfsdóttir"));
    assert_eq!(clean_author("Maria &amp; Katerina").as_deref(), Some("Maria & Katerina"));
    assert_eq!(clean_author("brandon-peaktwo"), None);
    assert_eq!(clean_author("https://example.com/user/a"), None);
    assert_eq!(clean_author(".css-1{margin:0} Trevor"), None);
    assert_eq!(clean_author("[Submitted on 3 May]"), None);
}

#[test]
fn words_run_into_a_byline_are_cut() {
    assert_eq!(clean_author("Ngô Bảo ChâuPublished").as_deref(), Some("Ngô Bảo Châu"));
    assert_eq!(clean_author("Ruth OkaforLast Updated").as_deref(), Some("Ruth Okafor"));
    assert_eq!(clean_author("Ruth Okafor is a travel writer").as_deref(), Some("Ruth Okafor"));
    // A day with its ordinal run into the name.
    assert_eq!(clean_author("Ruth Okafor18th Dec 2025").as_deref(), Some("Ruth Okafor"));
    assert_eq!(clean_author("Agent 47").as_deref(), Some("Agent 47"));
}

#[test]
fn a_login_is_a_name_in_the_author_field_only() {
    let html = r#"<html><head><meta name="author" content="tea_admin"></head><body></body></html>"#;
    assert_eq!(author_of(html, None, None).as_deref(), Some("tea_admin"));
    let html = r#"<html><body><span class="author">tea_admin</span></body></html>"#;
    assert_eq!(author_of(html, None, None), None);
}

#[test]
fn json_ld_authors_by_reference_and_in_lists() {
    let html = r#"<html><head><script type="application/ld+json">{"@graph":[
        {"@type":"Article","headline":"Tea","author":{"@id":"https://t.example/#p1"}},
        {"@type":"Person","@id":"https://t.example/#p1","name":"Lan Phạm"}]}</script></head><body></body></html>"#;
    assert_eq!(author_of(html, None, None).as_deref(), Some("Lan Phạm"));
    let html = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Tea",
        "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Tran"},{"@type":"Person","name":"Cy Ode"}]}
        </script></head><body></body></html>"#;
    assert_eq!(author_of(html, None, None).as_deref(), Some("Ann Lee, Bo Tran, Cy Ode"));
}

#[test]
fn two_authors_are_joined_with_and() {
    let html = r#"<html><head><meta property="article:author" content="Ann Lee">
        <meta property="article:author" content="Bo Tran"></head><body></body></html>"#;
    assert_eq!(author_of(html, None, None).as_deref(), Some("Ann Lee and Bo Tran"));
    let html = r#"<html><head><meta name="author" content="Office for Roads and Rivers"></head></html>"#;
    assert_eq!(author_of(html, None, None).as_deref(), Some("Office for Roads and Rivers"));
}

#[test]
fn the_site_gives_way_to_a_writer() {
    let html = r#"<html><head><script type="application/ld+json">{"@type":"Article","headline":"Tea",
        "author":{"@type":"Organization","name":"Kettle Works"}}</script></head>
        <body><p class="byline">By Minh Vo</p></body></html>"#;
    assert_eq!(author_of(html, None, None).as_deref(), Some("Minh Vo"));
    // The site's name as the author field, a writer in the byline.
    let html = r#"<html><head><meta name="author" content="Kettle Works"></head>
        <body><span class="author">Minh Vo</span></body></html>"#;
    assert_eq!(author_of(html, None, Some("https://kettleworks.example/a")).as_deref(), Some("Minh Vo"));
    // Only the site: it stands.
    let html = r#"<html><head><meta name="author" content="Kettle Works"></head><body></body></html>"#;
    assert_eq!(author_of(html, Some("Kettle Works"), None).as_deref(), Some("Kettle Works"));
}

#[test]
fn a_written_by_label_names_the_next_element() {
    let html = r#"<html><body><div><p>Written by</p><p>Quynh Anh</p></div><p>Text.</p></body></html>"#;
    assert_eq!(author_of(html, None, None).as_deref(), Some("Quynh Anh"));
    let html = r#"<html><body><p>Written by <a href="/a/kim">Dara Kim</a></p></body></html>"#;
    assert_eq!(author_of(html, None, None).as_deref(), Some("Dara Kim"));
    let html = r#"<html><body><p>Written by hand, this note is short.</p></body></html>"#;
    assert_eq!(author_of(html, None, None), None);
}

#[test]
fn yoast_written_by_label() {
    let html = r#"<html><head><meta name="twitter:label1" content="Written by">
        <meta name="twitter:data1" content="hoa.nguyen"></head><body></body></html>"#;
    assert_eq!(author_of(html, None, None).as_deref(), Some("hoa.nguyen"));
}

#[test]
fn a_name_written_twice_or_glued_to_a_role_is_one_name() {
    assert_eq!(clean_author("Odile Ferrand Odile Ferrand").as_deref(), Some("Odile Ferrand"));
    assert_eq!(clean_author("Ann Lee Ann Lee Ann Lee").as_deref(), Some("Ann Lee"));
    assert_eq!(clean_author("Ann Lee Bo").as_deref(), Some("Ann Lee Bo"));
    assert_eq!(clean_author("Matteo Ricci| Author").as_deref(), Some("Matteo Ricci"));
}

#[test]
fn a_search_boxs_author_option_labels_nothing() {
    let html = r#"<html><body><div class="search"><select><option>Author</option><option>Abstract</option></select></div>
        <h1>Tea</h1><p>Leaves.</p></body></html>"#;
    assert_eq!(author_of(html, None, None), None);
    let html = r#"<html><body><h1>Tea</h1><div><span>Authors:</span><a href="/s?q=lee">Ann Lee</a></div></body></html>"#;
    assert_eq!(author_of(html, None, None).as_deref(), Some("Ann Lee"));
}

#[test]
fn a_name_repeated_for_layouts_is_read_once() {
    assert_eq!(clean_author("Ann Lee Ann Lee").as_deref(), Some("Ann Lee"));
    // The last copy cut short by the byline's word limit.
    assert_eq!(clean_author("Jesse Porter Jesse Porter Jesse").as_deref(), Some("Jesse Porter"));
    assert_eq!(clean_author("Mary Smith and Mary Jones").as_deref(), Some("Mary Smith and Mary Jones"));
    assert_eq!(clean_author("Ana Lucía Ortega Ruiz Ana Lucía").as_deref(), Some("Ana Lucía Ortega Ruiz"));
    assert_eq!(clean_author("Ann Lee Ann").as_deref(), Some("Ann Lee Ann"));
}
