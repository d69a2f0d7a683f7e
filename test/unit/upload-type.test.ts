import { describe, expect, it } from 'vitest';
import { judgeUpload } from '../../src/domain/upload-type.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const JPEG_XMP = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), Buffer.from('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF></rdf:RDF></x:xmpmeta>'), Buffer.from([0xff, 0xd9])]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF\n');

describe('what an upload is, from its bytes (issue 13 item 8)', () => {
  it('PNG, JPEG (with its XMP metadata), WebP and PDF are taken with the type their bytes say', () => {
    expect(judgeUpload(PNG)).toEqual({ ok: true, mime: 'image/png' });
    expect(judgeUpload(JPEG_XMP)).toEqual({ ok: true, mime: 'image/jpeg' });
    expect(judgeUpload(WEBP)).toEqual({ ok: true, mime: 'image/webp' });
    expect(judgeUpload(PDF)).toEqual({ ok: true, mime: 'application/pdf' });
  });

  it.each([
    ['SVG', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    ['HTML', '<!doctype html><script>alert(1)</script>'],
    ['GIF', 'GIF89a\u0001\u0000\u0001\u0000'],
    ['text', 'hello, not an image'],
  ])('%s is refused by type', (_name, text) => {
    expect(judgeUpload(Buffer.from(text))).toEqual({ ok: false, reason: 'type' });
  });

  it('a PNG or PDF that carries markup or script is a polyglot and refused', () => {
    expect(judgeUpload(Buffer.concat([PNG, Buffer.from('<script>alert(document.cookie)</script>')]))).toEqual({ ok: false, reason: 'polyglot' });
    expect(judgeUpload(Buffer.concat([PNG, Buffer.from('<HTML><body onload=x>')]))).toEqual({ ok: false, reason: 'polyglot' });
    expect(judgeUpload(Buffer.concat([PDF, Buffer.from('<iframe src=//evil>')]))).toEqual({ ok: false, reason: 'polyglot' });
    expect(judgeUpload(Buffer.concat([JPEG_XMP, Buffer.from('href="javascript:alert(1)"')]))).toEqual({ ok: false, reason: 'polyglot' });
  });

  it('a PDF that runs script or launches a program is refused', () => {
    expect(judgeUpload(Buffer.from('%PDF-1.7\n1 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj'))).toEqual({ ok: false, reason: 'active_pdf' });
    expect(judgeUpload(Buffer.from('%PDF-1.7\n1 0 obj << /S /Launch /F (cmd.exe) >> endobj'))).toEqual({ ok: false, reason: 'active_pdf' });
  });
});
