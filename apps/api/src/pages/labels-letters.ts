/** Labels of the commitment-letter page (告知承诺书); the letter itself is always zh-CN. */
export const LETTER_LABELS = {
  commitmentLetterLink: { zh: '告知承诺书（可打印、下载 Word）', en: 'Commitment letter (print, Word)' },
  letterPrintHint: {
    zh: '用浏览器的“打印”（Ctrl+P）即可打印本承诺书',
    en: 'Print with the browser (Ctrl+P)',
  },
  letterDocx: { zh: '下载 Word 文档', en: 'Word document' },
  letterZip: { zh: '本版全部告知承诺书（zip）', en: 'All letters of this version (zip)' },
  letterOtherVersions: { zh: '其他版本：', en: 'Other versions: ' },
} as const;
