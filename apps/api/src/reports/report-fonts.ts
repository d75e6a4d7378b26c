import { openSync, type Font } from 'fontkit';

export type Weight = 'regular' | 'bold';

/**
 * The report's typefaces, embedded (subset) in every PDF so that it looks the same on every reader, in the
 * order they are tried: DejaVu Sans (Latin, Greek, Cyrillic and much more), Noto Sans SC for Chinese and
 * Japanese names and titles, Noto Sans KR for Korean ones. All are TrueType from registry packages under
 * permissive licences (the Bitstream Vera licence; the SIL Open Font License).
 */
const FACES = [
  {
    name: 'dejavu',
    files: { regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf') },
  },
  {
    name: 'noto-sc',
    files: {
      regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
      bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
    },
  },
  {
    name: 'noto-kr',
    files: {
      regular: require.resolve('@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf'),
      bold: require.resolve('@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf'),
    },
  },
] as const;

/** For the report's own words and figures, which every face has: the first one. */
export const PLAIN = `${FACES[0].name}-regular`;

/** Read once per process: which characters each face has (the bold cuts cover the same ones). */
let coverage: Font[] | null = null;
const coverageOf = () => (coverage ??= FACES.map((face) => openSync(face.files.regular) as Font));

/** Registers every face under the names `face()` gives; pdfkit reads a file only when a face is used. */
export function registerReportFonts(doc: PDFKit.PDFDocument): void {
  for (const face of FACES) for (const weight of ['regular', 'bold'] as const) doc.registerFont(`${face.name}-${weight}`, face.files[weight]);
}

/**
 * The registered font to draw `text` in: the first face that has every character of it, so that a team,
 * service, component or finding named in Cyrillic, Greek, Chinese or Japanese is drawn in glyphs, not boxes.
 * A text that no face covers whole gets the face that covers most of it.
 */
export function face(weight: Weight, text: string): string {
  const fonts = coverageOf();
  const codePoints = [...new Set(text)].map((c) => c.codePointAt(0)!).filter((c) => c > 0x7e);
  const missing = fonts.map((font) => codePoints.filter((c) => !font.hasGlyphForCodePoint(c)).length);
  const best = missing.indexOf(0) >= 0 ? missing.indexOf(0) : missing.indexOf(Math.min(...missing));
  return `${FACES[best].name}-${weight}`;
}
