/**
 * What an upload is, from its bytes (issue 13 item 8): the declared content type is not trusted.
 * Photos and signatures are PNG, JPEG or WebP; documents (a written complaint, a receipt) PDF.
 * Anything else — SVG, HTML, GIF, an executable — is refused, and so is a polyglot: a file that
 * starts like an image or a PDF but carries markup a browser would run if it were ever sniffed
 * as HTML, or a PDF that asks its viewer to run script or launch a program.
 */

export type UploadMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'application/pdf';

export const IMAGE_MIMES: readonly UploadMime[] = ['image/png', 'image/jpeg', 'image/webp'];

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function magicType(bytes: Uint8Array): UploadMime | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 8 && PNG.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 8 && ascii(0, 5) === '%PDF-') return 'application/pdf';
  return undefined;
}

/**
 * Markup that makes a file dangerous as HTML. Image metadata (XMP is XML: `<?xpacket`,
 * `<x:xmpmeta>`) does not match. Only tags of four letters or more: the random bytes of a
 * compressed 5 MB photo hit a given four-letter tag about once in a million photos, a
 * three-letter one (`<svg`, `<img`) once in a few thousand — too often to refuse a resident's photo.
 */
const HTML_MARKERS = /<(!doctype|script|html|head|body|iframe|object|embed|meta|link|style|form|base)[\s>/]|javascript:/i;
/** PDF actions that run code or programs in the viewer (a JavaScript action always names `/JavaScript`). */
const PDF_ACTIVE = /\/(JavaScript|Launch|EmbeddedFile|RichMedia)[\s/<([]/;

export type UploadVerdict = { ok: true; mime: UploadMime } | { ok: false; reason: 'type' | 'polyglot' | 'active_pdf' };

export function judgeUpload(bytes: Uint8Array): UploadVerdict {
  const mime = magicType(bytes);
  if (!mime) return { ok: false, reason: 'type' };
  // latin1 keeps one character per byte, so the markers are found wherever they sit.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (HTML_MARKERS.test(text)) return { ok: false, reason: 'polyglot' };
  if (mime === 'application/pdf' && PDF_ACTIVE.test(text)) return { ok: false, reason: 'active_pdf' };
  return { ok: true, mime };
}

export const isImageMime = (mime: string) => (IMAGE_MIMES as readonly string[]).includes(mime);
