// subset-font 2.9 ships no types, and @types/subset-font (2.3) predates `noHinting` and `keepAllGlyphs`.
declare module 'subset-font' {
  interface SubsetFontOptions {
    targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype'
    /** Drops the TrueType hinting instructions (hb-subset --no-hinting). */
    noHinting?: boolean
    /** Keeps every glyph (hb-subset --gids=*); `text` must then be empty. */
    keepAllGlyphs?: boolean
  }
  export default function subsetFont(font: Buffer, text: string, options?: SubsetFontOptions): Promise<Buffer>
}
