import { describe, expect, it } from 'vitest';
import { classifyFile, cleanFileName, contentDisposition } from './files.js';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489',
  'hex',
);

describe('classifyFile', () => {
  it('trusts the bytes, not the claim', async () => {
    expect(await classifyFile(PNG, true)).toEqual({ class: 'image', contentType: 'image/png' });
    expect(await classifyFile(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), true)).toMatchObject({
      class: 'pdf',
    });
  });

  it('treats HTML, SVG and scripts as plain text', async () => {
    for (const body of [
      '<html><script>alert(1)</script></html>',
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      'alert(document.cookie)',
    ]) {
      expect(await classifyFile(Buffer.from(body), true)).toEqual({
        class: 'text',
        contentType: 'text/plain; charset=utf-8',
      });
    }
  });

  it('calls unknown binary other', async () => {
    expect(await classifyFile(Buffer.from([0, 1, 2, 3, 0, 255]), true)).toEqual({
      class: 'other',
      contentType: 'application/octet-stream',
    });
  });
});

describe('file names', () => {
  it('drops paths, NUL and CRLF and keeps the extension when shortening', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    // Shown as "invoice_exe.png" with the override; it is an .exe.
    expect(cleanFileName('invoice_\u202Egnp.exe')).toBe('invoice_gnp.exe');
    expect(cleanFileName('..\\..\\boot.ini')).toBe('boot.ini');
    expect(cleanFileName('a\u0000b\r\nc.txt')).toBe('abc.txt');
    expect(cleanFileName('..')).toBe('file');
    const long = `${'x'.repeat(300)}.pdf`;
    expect(cleanFileName(long)).toHaveLength(200);
    expect(cleanFileName(long).endsWith('.pdf')).toBe(true);
  });

  it('writes Content-Disposition that cannot break out of the header', () => {
    expect(contentDisposition('attachment', 'rapport "final".pdf')).toBe(
      `attachment; filename="rapport _final_.pdf"; filename*=UTF-8''rapport%20%22final%22.pdf`,
    );
    expect(contentDisposition('attachment', 'résumé.pdf')).toContain(
      `filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`,
    );
  });
});
