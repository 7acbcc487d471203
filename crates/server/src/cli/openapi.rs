//! `broadsheet-server openapi`: prints the OpenAPI document of the content API (docs/openapi.json is this).

pub fn run() -> Result<(), String> {
    println!("{}", broadsheet_server::openapi::openapi_json());
    Ok(())
}
