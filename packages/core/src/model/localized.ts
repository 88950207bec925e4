import { z } from 'zod';

/** A label in zh-CN (shown first) and English. */
export const LocalizedTextSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;
