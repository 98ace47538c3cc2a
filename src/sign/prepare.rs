//! The first of a signature's two phases: the signature field where the signer signs, its
//! ND30 appearance, the signature dictionary with its `/ByteRange` and the room for the CMS,
//! and the CMS signed attributes over the covered bytes. Their SHA-256 is what a key signs,
//! here (a .p12, a token) or elsewhere (a token on the signer's own PC, a remote service).

use lopdf::ObjectId;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use super::pdf::Update;
use super::slots::{Rect, Slot};
use super::{Mark, Request, SignProblem, appearance, binding, certs, cms, fields, problem};
use crate::error::Error;

/// A PDF ready for its signature.
pub struct Prepared {
    /// The whole file: the update appended, `/ByteRange` written, `/Contents` still zeros.
    pub bytes: Vec<u8>,
    /// The four `/ByteRange` numbers: what the signature covers, around `/Contents`.
    pub byte_range: [usize; 4],
    /// DER of the CMS signed attributes, as they are to be signed.
    pub signed_attributes: Vec<u8>,
    /// The signer's certificate, then its chain.
    pub chain: Vec<Certificate>,
    /// Which signer's place (`--signer`), if asked.
    pub role: Option<String>,
    /// Whether the agency seals (else the person signs).
    pub agency: bool,
}

impl Prepared {
    /// The SHA-256 of the signed attributes: the value a token or a remote service signs.
    pub fn digest(&self) -> Vec<u8> {
        Sha256::digest(&self.signed_attributes).to_vec()
    }

    /// The SHA-256 of the bytes the signature covers.
    pub fn covered_digest(&self) -> Vec<u8> {
        let [a, b, c, d] = self.byte_range;
        let mut hasher = Sha256::new();
        hasher.update(&self.bytes[a..a + b]);
        hasher.update(&self.bytes[c..c + d]);
        hasher.finalize().to_vec()
    }
}

/// Prepares `request.pdf` for a signature by `request.chain[0]`, once the certificate is
/// known to name the document's signer (or issuer, for the seal): see [`check_signer`].
pub fn prepare(request: &Request) -> Result<Prepared, Error> {
    let path = request.pdf;
    let signer = request
        .chain
        .first()
        .ok_or_else(|| problem(path, SignProblem::NoKeyInPkcs12))?;
    let bytes = crate::output::files::read_pdf(path)?;
    let slots = super::slots::read(path)?;
    let slot = super::slots::pick(&slots, request.role, path)?;
    let bad_pdf = |e: lopdf::Error| problem(path, SignProblem::BadPdf { detail: e.to_string() });
    let mut update = Update::new(bytes).map_err(bad_pdf)?;
    let (page, page_height) =
        super::pdf::page(&update.doc, slot.page).ok_or_else(|| problem(path, SignProblem::NoSlots))?;
    let agency = matches!(request.mark, Mark::Agency(_));
    let name = slot.field_name(agency);
    let existing = fields::find(&update, &name).map_err(|p| problem(path, p))?;
    if existing.as_ref().is_some_and(fields::Field::signed) {
        return Err(problem(path, SignProblem::AlreadySigned { field: name }));
    }
    if !request.allow_other_signer {
        binding::check(slot, signer, agency).map_err(|p| problem(path, p))?;
    }
    let (widget_rect, form) = shown(&mut update, request, slot, slot.rect(page_height), existing.as_ref())?;
    let signature = update.reserve();
    let field = fields::widget(&name, widget_rect, page, form, Some(signature));
    match existing {
        Some(old) => {
            let mut merged = old.dict.clone();
            for (key, value) in field.iter() {
                merged.set(key.clone(), value.clone());
            }
            update.set(old.id, merged);
        }
        None => {
            let id = update.add(field);
            fields::attach(&mut update, page, id);
        }
    }
    update.set_raw(
        signature,
        super::signature_dictionary(&certs::holder(signer), request.time),
    );
    let (mut bytes, offsets) = update.finish();
    let start = super::pdf::offset_of(&offsets, signature);
    let byte_range = super::place_byte_range(&mut bytes, start).map_err(|p| problem(path, p))?;
    let mut prepared = Prepared {
        bytes,
        byte_range,
        signed_attributes: Vec::new(),
        chain: request.chain.to_vec(),
        role: request.role.map(str::to_string),
        agency,
    };
    prepared.signed_attributes = cms::signed_attributes(signer, &prepared.covered_digest())
        .map_err(|e| problem(path, SignProblem::BadPdf { detail: e.to_string() }))?;
    Ok(prepared)
}

/// The widget's rectangle and the appearance it shows: the signature image in the slot
/// (an empty field keeps its rectangle), or the seal over the signature's left third with
/// the agency's name and the signing time.
fn shown(
    update: &mut Update,
    request: &Request,
    slot: &Slot,
    slot_rect: Rect,
    existing: Option<&fields::Field>,
) -> Result<(Rect, ObjectId), Error> {
    let path = request.pdf;
    match &request.mark {
        Mark::Person(image) => {
            let rect = appearance::signature_box(slot_rect, image);
            // An empty field keeps its rectangle: validators treat a moved field as tampering.
            let widget = existing.and_then(fields::Field::rect).unwrap_or(rect);
            let inside = Rect {
                left: rect.left - widget.left,
                bottom: rect.bottom - widget.bottom,
                ..rect
            };
            let form = appearance::form(update, (widget.width, widget.height), image, inside, &[])?;
            Ok((widget, form))
        }
        Mark::Agency(seal) => {
            let size = seal
                .real_size
                .ok_or_else(|| problem(path, SignProblem::SealWithoutSize))?;
            let signature = fields::find(update, &slot.field_name(false))
                .map_err(|p| problem(path, p))?
                .filter(fields::Field::signed)
                .and_then(|f| f.rect())
                .unwrap_or_else(|| slot_rect.centred(appearance::NOMINAL_SIGNATURE_WIDTH, slot_rect.height));
            let (seal_rect, widget) = appearance::seal_box(signature, size);
            let inside = Rect {
                left: 0.0,
                bottom: seal_rect.bottom - widget.bottom,
                ..seal_rect
            };
            let lines = [certs::organisation(&request.chain[0]), request.time.iso()];
            let form = appearance::form(update, (widget.width, widget.height), seal, inside, &lines)?;
            Ok((widget, form))
        }
    }
}

/// Whether `prepared`'s certificate names the signer (or issuer) of its place in the PDF
/// at `path`: checked again when a signature made elsewhere finishes it, as its state file
/// could have been given another certificate since.
pub fn check_signer(path: &std::path::Path, prepared: &Prepared) -> Result<(), Error> {
    let slots = super::slots::in_pdf(&prepared.bytes, path)?.ok_or_else(|| problem(path, SignProblem::NoSlots))?;
    let slot = super::slots::pick(&slots, prepared.role.as_deref(), path)?;
    let signer = prepared
        .chain
        .first()
        .ok_or_else(|| problem(path, SignProblem::NoKeyInPkcs12))?;
    binding::check(slot, signer, prepared.agency).map_err(|p| problem(path, p))
}
