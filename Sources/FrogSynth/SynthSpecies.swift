/// The five classes of the original survey, as the synthetic chorus voices them.
///
/// The call models follow published descriptions of the advertisement calls:
/// - M. Anstis (2013), *Tadpoles and Frogs of Australia*, New Holland: species accounts with
///   call descriptions and dominant frequencies.
/// - Australian Museum, *FrogID* species pages (frogid.net.au): "Common Eastern Froglet: a
///   series of short pulsed 'crick… crick… crick' notes"; "Eastern Dwarf Tree Frog: a long
///   'wreeek' followed by short 'pip' notes"; "Spotted Marsh Frog: a rapid 'uk-uk-uk', like a
///   machine gun"; "Striped Marsh Frog: a single 'tok' or 'whuck', like a tennis ball hit".
/// - Frogs of Australia (frogsaustralia.net.au) call recordings, for note and pulse timing.
/// Dominant bands used: *Crinia signifera* ≈ 2.5–3.5 kHz, *Litoria fallax* ≈ 4–5 kHz,
/// *Limnodynastes tasmaniensis* ≈ 0.8–1.5 kHz, *Limnodynastes peronii* ≈ 0.5–1 kHz. These are
/// cartoons for demos and tests — right band, rhythm and note shape — not field-accurate calls.
public enum SynthSpecies: String, CaseIterable, Codable, Sendable {
    /// Common Eastern Froglet: trains of short pulsed "crick" notes.
    case criniaSignifera = "crinia_signifera"
    /// Eastern Dwarf Tree Frog: a buzzy "wreeek", then short "pip" notes.
    case litoriaFallax = "litoria_fallax"
    /// Spotted Marsh Frog: a rapid series of "uk" clicks.
    case limnodynastesTasmaniensis = "limnodynastes_tasmaniensis"
    /// Striped Marsh Frog: one low "tok" / "whuck".
    case limnodynastesPeronii = "limnodynastes_peronii"
    /// Any other frog: a pulsed trill between the other species' bands (≈ 1.7–2.3 kHz).
    case otherFrog = "other_frog"

    /// The class name written in ground-truth tables (snake_case).
    public var label: String { rawValue }
}
