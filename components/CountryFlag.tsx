/**
 * A country's flag as its regional-indicator emoji (no image to ship or fetch) beside the ISO code,
 * which is what systems without flag emoji (Windows) show anyway. The emoji is decorative.
 */
export function CountryFlag({ code }: { code: string }) {
  const flag = String.fromCodePoint(...Array.from(code.toUpperCase(), (letter) => 0x1f1e6 + letter.charCodeAt(0) - 65))
  return (
    <span className="country-flag">
      <span className="country-flag__emoji" aria-hidden="true">
        {flag}
      </span>
      <abbr className="country-flag__code" title={`ISO 3166-1: ${code}`}>
        {code}
      </abbr>
    </span>
  )
}
