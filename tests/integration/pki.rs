//! The signing tests' own PKI, made with rcgen: a CA, a person's P-256 and an agency's
//! RSA-2048 certificate, as .p12 files and as key and certificate files for a token to
//! import, with a blue signature image and a red seal drawn here.

use std::path::{Path, PathBuf};

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};

pub const PASSWORD_VAR: &str = "VANBAN_TEST_P12_PASSWORD";
pub const PASSWORD: &str = "mật-khẩu-thử 123";

/// A test CA and what it issued, in a scratch folder.
pub struct Pki {
    dir: tempfile::TempDir,
}

impl Pki {
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The .p12 of whoever signs `pdf` (see [`signer_of`]).
    pub fn p12_for(&self, pdf: &Path, role: Option<&str>, agency: bool) -> PathBuf {
        self.path(&format!("{}.p12", signer_of(pdf, role, agency)))
    }
}

fn key_usages() -> Vec<KeyUsagePurpose> {
    vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::ContentCommitment]
}

/// A CA, a person's P-256 certificate and an agency's RSA certificate, as .p12 files with the
/// chain, plus `ca.pem`, a blue signature PNG and a red seal PNG (36 mm).
pub fn pki() -> Pki {
    pki_with(Sources::default())
}

/// Where a certificate says its revocation status is found.
#[derive(Clone, Copy, Default)]
pub struct Sources<'a> {
    /// Its CRL distribution point.
    pub crl: Option<&'a str>,
    /// Its OCSP responder.
    pub ocsp: Option<&'a str>,
}

impl Sources<'_> {
    fn any(&self) -> bool {
        self.crl.is_some() || self.ocsp.is_some()
    }
}

/// The person's certificate's serial number once it names a revocation source.
pub const PERSON_SERIAL: u64 = 0x5ab1e;
/// The agency's.
pub const AGENCY_SERIAL: u64 = 0xa9e7c;

/// Everyone the samples name as a signer, with a certificate of their own (only the named
/// signer signs): file stem, common name, serial number. `person` signs the state sample's
/// notice and chairs its meeting; `nguyen-van-khac` signs nothing of the samples.
pub const PEOPLE: &[(&str, &str, u64)] = &[
    ("person", "Nguyễn Văn Thành", PERSON_SERIAL),
    ("huynh-thi-thu", "Huỳnh Thị Thu", 0x5ab1f),
    ("le-thi-mai", "Lê Thị Mai", 0x5ab20),
    ("tran-minh-duc", "Trần Minh Đức", 0x5ab21),
    ("nguyen-van-binh", "Nguyễn Văn Bình", 0x5ab22),
    ("le-dinh-hai", "Lê Đình Hải", 0x5ab23),
    ("tran-thi-mai", "Trần Thị Mai", 0x5ab24),
    ("nguyen-van-khac", "Nguyễn Văn Khác", 0x5ab25),
];

/// People with an RSA certificate (the agencies' key), as a remote signing service holds one:
/// file stem, common name, serial number.
pub const RSA_PEOPLE: &[(&str, &str, u64)] = &[
    ("person-rsa", "Nguyễn Văn Thành", 0x5ab30),
    ("nguyen-van-khac-rsa", "Nguyễn Văn Khác", 0x5ab31),
];

/// The samples' issuers, each with an RSA certificate (one key for both): the state
/// sample's and the Party sample's.
pub const AGENCIES: &[(&str, &str, u64)] = &[
    ("agency", "Ủy ban nhân dân xã An Phú", AGENCY_SERIAL),
    ("party-agency", "Huyện ủy Thọ Xuân", 0xa9e7d),
];

/// The file stem of the certificate that names who signs `pdf` (a sample's document, or a
/// copy of the state notice): at `role`, or with `agency` its issuer.
pub fn signer_of(pdf: &Path, role: Option<&str>, agency: bool) -> &'static str {
    let name = pdf.file_name().unwrap().to_string_lossy();
    let party = name.contains("xuan-truong");
    let has = |part: &str| name.contains(part);
    match (agency, party) {
        (true, true) => "party-agency",
        (true, false) => "agency",
        _ if has("bien-ban") => match (role, party) {
            (Some("secretary"), true) => "tran-thi-mai",
            (Some("secretary"), false) => "huynh-thi-thu",
            (_, true) => "le-dinh-hai",
            (_, false) => "person",
        },
        _ if has("giay-moi") => "le-thi-mai",
        _ if has("ke-hoach") => {
            if party {
                "le-dinh-hai"
            } else {
                "tran-minh-duc"
            }
        }
        (_, true) => "nguyen-van-binh",
        (_, false) => "person",
    }
}

/// The `--signer` among command-line arguments.
pub fn role_in<'a>(args: &[&'a str]) -> Option<&'a str> {
    args.windows(2).find(|w| w[0] == "--signer").map(|w| w[1])
}

/// As [`pki`]; the person's and the agency's certificates name the revocation `sources`, are
/// valid until 2030 and have fixed serial numbers. With a CRL, the CA's lists are written:
/// `ca.crl` (nothing revoked) and `ca-revoked.crl` (the person's certificate revoked), both
/// current from 1 January of this year for five years.
pub fn pki_with(sources: Sources) -> Pki {
    let dir = tempfile::tempdir().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "CA thử nghiệm vanban");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_key = KeyPair::generate().unwrap();
    let ca = ca_params.self_signed(&ca_key).unwrap();
    std::fs::write(dir.path().join("ca.pem"), ca.pem()).unwrap();
    std::fs::write(dir.path().join("ca.key.pem"), ca_key.serialize_pem()).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);

    for (file, name, serial) in PEOPLE {
        person(dir.path(), &issuer, (file, name, *serial), sources, ca.der());
    }
    std::fs::write(dir.path().join("ca.der"), ca.der()).unwrap();

    let rsa_pkcs8 = rsa_key_pkcs8();
    let agency_key =
        KeyPair::from_pkcs8_der_and_sign_algo(&rsa_pkcs8.as_slice().into(), &rcgen::PKCS_RSA_SHA256).unwrap();
    if sources.crl.is_some() {
        write_crls(dir.path(), &issuer);
    }
    for (file, name, serial) in AGENCIES {
        let mut agency = CertificateParams::new(Vec::<String>::new()).unwrap();
        agency.distinguished_name.push(DnType::CommonName, *name);
        agency.distinguished_name.push(DnType::OrganizationName, *name);
        agency.key_usages = key_usages();
        if sources.any() {
            name_sources(&mut agency, sources, *serial);
        }
        let agency_cert = agency.signed_by(&agency_key, &issuer).unwrap();
        std::fs::write(dir.path().join(format!("{file}.key.pem")), agency_key.serialize_pem()).unwrap();
        std::fs::write(dir.path().join(format!("{file}.der")), agency_cert.der()).unwrap();
        std::fs::write(dir.path().join(format!("{file}.pem")), agency_cert.pem()).unwrap();
        write_p12(
            &dir.path().join(format!("{file}.p12")),
            &rsa_pkcs8,
            agency_cert.der(),
            ca.der(),
        );
    }

    // RSA certificates of two people, with the agencies' key, for the remote signing service.
    for (file, name, serial) in RSA_PEOPLE {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(DnType::CommonName, *name);
        params.key_usages = key_usages();
        if sources.any() {
            name_sources(&mut params, sources, *serial);
        }
        let cert = params.signed_by(&agency_key, &issuer).unwrap();
        std::fs::write(dir.path().join(format!("{file}.key.pem")), agency_key.serialize_pem()).unwrap();
        std::fs::write(dir.path().join(format!("{file}.der")), cert.der()).unwrap();
    }

    write_png(&dir.path().join("chu-ky.png"), 360, 140, None, signature_pixel);
    // 425 px over 36 mm: 11 806 px per metre.
    write_png(&dir.path().join("con-dau.png"), 425, 425, Some(11_806), seal_pixel);
    Pki { dir }
}

/// A person's P-256 key and certificate naming `name`, as `<file>.p12` with the chain and as
/// `<file>.key.pem`, `<file>.der` and `<file>.pem`.
fn person(
    dir: &Path,
    issuer: &Issuer<'_, KeyPair>,
    (file, name, serial): (&str, &str, u64),
    sources: Sources,
    ca: &[u8],
) {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.distinguished_name.push(DnType::CommonName, name);
    params
        .distinguished_name
        .push(DnType::OrganizationName, "Ủy ban nhân dân xã An Phú");
    params.key_usages = key_usages();
    if sources.any() {
        // Valid until 2030, so that a validation in 2036 comes after it has expired.
        name_sources(&mut params, sources, serial);
    }
    let cert = params.signed_by(&key, issuer).unwrap();
    std::fs::write(dir.join(format!("{file}.key.pem")), key.serialize_pem()).unwrap();
    std::fs::write(dir.join(format!("{file}.der")), cert.der()).unwrap();
    std::fs::write(dir.join(format!("{file}.pem")), cert.pem()).unwrap();
    write_p12(&dir.join(format!("{file}.p12")), &key.serialize_der(), cert.der(), ca);
}

/// Valid until 2030, serial number `serial`, naming the revocation `sources`.
fn name_sources(params: &mut CertificateParams, sources: Sources, serial: u64) {
    params.not_after = rcgen::date_time_ymd(2030, 1, 1);
    params.serial_number = Some(rcgen::SerialNumber::from(serial));
    if let Some(url) = sources.crl {
        params.crl_distribution_points = vec![rcgen::CrlDistributionPoint { uris: vec![url.into()] }];
    }
    if let Some(url) = sources.ocsp {
        params.custom_extensions.push(authority_information_access(url));
    }
}

/// The authority information access extension naming `url` as the OCSP responder.
fn authority_information_access(url: &str) -> rcgen::CustomExtension {
    use der::Encode;
    use x509_cert::ext::pkix::name::GeneralName;
    use x509_cert::ext::pkix::{AccessDescription, AuthorityInfoAccessSyntax};
    let access = AuthorityInfoAccessSyntax(vec![AccessDescription {
        access_method: der::asn1::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1"),
        access_location: GeneralName::UniformResourceIdentifier(der::asn1::Ia5String::new(url).unwrap()),
    }]);
    rcgen::CustomExtension::from_oid_content(&[1, 3, 6, 1, 5, 5, 7, 1, 1], access.to_der().unwrap())
}

/// The CA's revocation lists: none revoked, and the person's certificate revoked.
fn write_crls(dir: &Path, issuer: &Issuer<'_, KeyPair>) {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let year = 1970 + (seconds / 31_556_952) as i32;
    for (name, revoked) in [("ca.crl", vec![]), ("ca-revoked.crl", vec![0x5ab1e_u64])] {
        let list = rcgen::CertificateRevocationListParams {
            this_update: rcgen::date_time_ymd(year, 1, 1),
            next_update: rcgen::date_time_ymd(year + 5, 1, 1),
            crl_number: rcgen::SerialNumber::from(1u64),
            issuing_distribution_point: None,
            revoked_certs: revoked
                .into_iter()
                .map(|serial| rcgen::RevokedCertParams {
                    serial_number: rcgen::SerialNumber::from(serial),
                    revocation_time: rcgen::date_time_ymd(year, 1, 1),
                    reason_code: Some(rcgen::RevocationReason::KeyCompromise),
                    invalidity_date: None,
                })
                .collect(),
            key_identifier_method: rcgen::KeyIdMethod::Sha256,
        };
        std::fs::write(dir.join(name), list.signed_by(issuer).unwrap().der()).unwrap();
    }
}

/// An RSA-2048 key in PKCS#8, as Vietnamese public CAs issue.
fn rsa_key_pkcs8() -> Vec<u8> {
    use rsa::pkcs8::EncodePrivateKey;
    let key = rsa::PrivateKey::new(&mut rand_core_rng(), 2048).unwrap();
    key.to_pkcs8_der().unwrap().as_bytes().to_vec()
}

fn rand_core_rng() -> impl rsa::rand_core::TryCryptoRng {
    p12_keystore::rand::rng()
}

fn write_p12(path: &Path, key_pkcs8: &[u8], cert: &[u8], ca: &[u8]) {
    use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
    let chain = PrivateKeyChain::new(
        b"key-1".to_vec(),
        PrivateKey::from_der(key_pkcs8).unwrap(),
        [Certificate::from_der(cert).unwrap(), Certificate::from_der(ca).unwrap()],
    );
    let mut store = KeyStore::new();
    store.add_entry("signer", KeyStoreEntry::PrivateKeyChain(chain));
    std::fs::write(path, store.writer(PASSWORD).write().unwrap()).unwrap();
}

/// A wavy blue stroke on transparency.
fn signature_pixel(x: u32, y: u32, w: u32, h: u32) -> [u8; 4] {
    let t = f64::from(x) / f64::from(w);
    let centre = f64::from(h) * (0.5 + 0.3 * (t * 9.0).sin() * (1.0 - t));
    if (f64::from(y) - centre).abs() < 5.0 && x > 10 && x < w - 10 {
        [20, 40, 200, 255]
    } else {
        [0, 0, 0, 0]
    }
}

/// A red ring with a star on transparency.
fn seal_pixel(x: u32, y: u32, w: u32, _h: u32) -> [u8; 4] {
    let c = f64::from(w) / 2.0;
    let r = ((f64::from(x) - c).powi(2) + (f64::from(y) - c).powi(2)).sqrt();
    let ring = (r > c * 0.86 && r < c * 0.97) || (r > c * 0.6 && r < c * 0.64) || r < c * 0.18;
    if ring { [220, 20, 30, 255] } else { [0, 0, 0, 0] }
}

fn write_png(path: &Path, w: u32, h: u32, per_metre: Option<u32>, pixel: fn(u32, u32, u32, u32) -> [u8; 4]) {
    let file = std::fs::File::create(path).unwrap();
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    if let Some(ppm) = per_metre {
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: ppm,
            yppu: ppm,
            unit: png::Unit::Meter,
        }));
    }
    let mut writer = encoder.write_header().unwrap();
    let data: Vec<u8> = (0..h)
        .flat_map(|y| (0..w).flat_map(move |x| pixel(x, y, w, h)))
        .collect();
    writer.write_image_data(&data).unwrap();
}
