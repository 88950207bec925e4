import { z } from 'zod';

/** Where a department publishes its list for comment: its website or, lacking one, a bulletin board. */
export const NoticeChannelSchema = z.enum(['website', 'bulletin-board']);
export type NoticeChannel = z.infer<typeof NoticeChannelSchema>;

/** 单位 / 实施部门. */
export const DepartmentSchema = z
  .object({
    name: z.string().min(1),
    code: z.string().min(1).optional(),
    noticeChannel: NoticeChannelSchema.default('website'),
  })
  .strict();
export type Department = z.infer<typeof DepartmentSchema>;
