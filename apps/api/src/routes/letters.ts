import { createRoute, z } from '@hono/zod-openapi';
import { DEFAULT_TIME_ZONE, NotFoundError } from '@jianzheng/core';
import { renderLetterDocx } from '@jianzheng/letters';
import type { App } from '../deps';
import { BatchIdParam, problems } from '../schemas';
import type { LetterService } from '../services/letters';
import { contentDisposition, versionFileName } from './download-name';

const tags = ['告知承诺书 Commitment letters'];
const VersionParam = z
  .string()
  .regex(/^(?:[1-9]\d{0,5}|latest)$/, '版本应为正整数或 latest')
  .openapi({ param: { name: 'version', in: 'path' }, example: 'latest' });
const SlugParam = z
  .string()
  .regex(/^[0-9a-f]{12}$/, '事项编号应为 12 位十六进制')
  .openapi({ param: { name: 'slug', in: 'path' }, example: '3fa2b1c0d9e8' });
const params = z.object({ batchId: BatchIdParam, version: VersionParam });

const LetterSchema = z
  .object({
    department: z.string(),
    item: z.object({
      code: z.string().nullable(),
      name: z.string(),
      type: z.string().nullable(),
      slug: z.string(),
    }),
    title: z.string(),
    materials: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        commitment: z.string(),
        check: z.string(),
        source: z.string().nullable(),
      }),
    ),
    fileName: z.string(),
    links: z.object({ docx: z.string(), page: z.string() }),
  })
  .openapi('CommitmentLetter');

const IMMUTABLE = 'public, max-age=31536000, immutable';
const LATEST = 'public, max-age=30';

const versionOf = (version: string) => (version === 'latest' ? 'latest' : Number(version));
const base = (batchId: string, version: number) =>
  `/api/batches/${encodeURIComponent(batchId)}/publications/${version}/letters`;

// RFC 6266: an ASCII fallback plus the UTF-8 name, since letter names are Chinese.
const attachment = (fileName: string, fallback: string) =>
  contentDisposition('attachment', fileName, fallback);

/** The commitment letters (告知承诺书, domain.md §11) of each published version: public, like the list. */
export function registerLetterRoutes(app: App, letters: LetterService) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/batches/{batchId}/publications/{version}/letters',
      tags,
      summary: '该版本的告知承诺书 The commitment letters of a version (public)',
      request: { params },
      responses: {
        200: { description: 'letters', content: { 'application/json': { schema: z.array(LetterSchema) } } },
        ...problems(400, 404),
      },
    }),
    async (c) => {
      const { batchId, version } = c.req.valid('param');
      const found = await letters.forVersion(batchId, versionOf(version));
      c.header('cache-control', version === 'latest' ? LATEST : IMMUTABLE);
      return c.json(
        found.letters.map((l) => ({
          department: l.department,
          item: l.item,
          title: l.title,
          materials: l.materials,
          fileName: l.fileName,
          links: {
            docx: `${base(batchId, found.version)}/${l.item.slug}/docx`,
            page: `/items/${encodeURIComponent(batchId)}/${l.item.slug}/commitment?version=${found.version}`,
          },
        })),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/batches/{batchId}/publications/{version}/letters.zip',
      tags,
      summary: '全部告知承诺书（zip）Every letter of a version as one zip (public)',
      request: { params },
      responses: {
        200: {
          description: 'zip of 部门/事项.docx',
          content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...problems(400, 404),
      },
    }),
    async (c) => {
      const { batchId, version } = c.req.valid('param');
      const found = await letters.zip(batchId, versionOf(version));
      const first = found.letters[0];
      const { name, fallback } = versionFileName(
        {
          batchId,
          version: found.version,
          publishedAt: first?.publishedAt ?? '',
          jurisdiction: first?.jurisdiction,
          title: first?.batchTitle,
          timeZone: first?.timeZone ?? DEFAULT_TIME_ZONE,
        },
        '-告知承诺书.zip',
        '-letters.zip',
      );
      return new Response(found.bytes, {
        headers: {
          'content-type': 'application/zip',
          'content-disposition': attachment(name, fallback),
          'cache-control': version === 'latest' ? LATEST : IMMUTABLE,
        },
      }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/batches/{batchId}/publications/{version}/letters/{slug}/docx',
      tags,
      summary: '一个事项的告知承诺书（Word）One item’s letter as .docx (public)',
      request: { params: params.extend({ slug: SlugParam }) },
      responses: {
        200: {
          description: 'docx',
          content: {
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
              schema: z.string().openapi({ format: 'binary' }),
            },
          },
        },
        ...problems(400, 404),
      },
    }),
    async (c) => {
      const { batchId, version, slug } = c.req.valid('param');
      const found = await letters.forVersion(batchId, versionOf(version));
      const letter = found.letters.find((l) => l.item.slug === slug);
      if (!letter) throw new NotFoundError('letter', `${batchId} v${found.version} ${slug}`, '告知承诺书');
      const bytes = await renderLetterDocx(letter);
      return new Response(bytes, {
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'content-disposition': attachment(
            `${letter.item.name}-告知承诺书-v${found.version}.docx`,
            `${slug}-v${found.version}.docx`,
          ),
          'cache-control': version === 'latest' ? LATEST : IMMUTABLE,
        },
      }) as never;
    },
  );
}
