use std::path::Path;
fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let lang = std::env::args().nth(1).unwrap_or("fr".into());
    let tpl = std::env::args().nth(2);
    let p = cadre::Programme::load(root.join("indicators/terress")).unwrap();
    let d = cadre::ingest(&p, root.join("examples/terress/terress.xlsx")).unwrap();
    let period = cadre::Period::parse("2025-Q4", p.info.start, p.info.end).unwrap();
    let t = cadre::Engine::new(&p, &d).compute(&period).unwrap();
    let o = cadre_report::report::ReportOptions::new(
        root.join("report_templates/quarterly"),
        &lang,
        period.end,
    );
    let v = cadre_report::report::report_data(&p, &d, &t, &o).unwrap();
    match tpl {
        None => println!("{}", serde_json::to_string_pretty(&v).unwrap()),
        Some(dir) => match cadre_report::report::render_template(
            Path::new(&dir),
            serde_json::to_vec(&v).unwrap(),
            period.end,
            None,
            "x",
        ) {
            Ok(r) => {
                std::fs::write("/tmp/tt/out.pdf", r.pdf).unwrap();
                for w in r.warnings {
                    println!("{w}");
                }
            }
            Err(e) => println!("{e}"),
        },
    }
}
