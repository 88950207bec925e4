import { describe, expect, it } from 'vitest';
import { contentDisposition, versionFileName } from './download-name';

describe('download file names', () => {
  it('name the jurisdiction, the list, the version and its local day, with an ASCII fallback', () => {
    const naming = {
      batchId: 'b1',
      version: 2,
      publishedAt: '2018-09-03T23:30:00Z',
      jurisdiction: '宿州市',
      title: '第一批 "证明"/清单',
      timeZone: 'Asia/Shanghai',
    };
    expect(versionFileName(naming, '.json')).toEqual({
      name: '宿州市-第一批证明清单-第2版-20180904.json',
      fallback: 'b1-v2-20180904.json',
    });
    expect(versionFileName({ ...naming, jurisdiction: undefined, title: undefined }, '.xlsx').name).toBe(
      '第2版-20180904.xlsx',
    );
  });

  it('writes RFC 6266 filename* in UTF-8 and never a quote or non-ASCII in filename', () => {
    const header = contentDisposition('attachment', "宿州市(第1批)'s.json", 'b1 "v1".json');
    expect(header.startsWith('attachment; filename="b1 _v1_.json"; filename*=UTF-8\'\'')).toBe(true);
    const encoded = header.split("UTF-8''")[1]!;
    expect(encoded).toMatch(/^[A-Za-z0-9%._~!$&+^`|#-]+$/);
    expect(decodeURIComponent(encoded)).toBe("宿州市(第1批)'s.json");
  });
});
