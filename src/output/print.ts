// Page setup so every sheet prints well as it is: orientation, fit to one page wide (or one page), header rows and
// the rep columns repeated on every page, margins, the locale's paper size, and a footer with the page number.
import type { Worksheet } from './excel.js';
import { paperSize, type Locale } from './locale.js';
import { translator } from '../messages/index.js';

export interface PrintLayout {
  orientation: 'portrait' | 'landscape';
  /** 'width': one page wide, as many pages tall as needed; 'page': everything on one page. */
  fit: 'width' | 'page';
  /** Rows repeated at the top of every page, e.g. '1:1'. */
  titleRows?: string;
  /** Columns repeated at the left of every page, e.g. 'A:C' (the rep). */
  titleColumns?: string;
}

/** Margins in inches: narrow enough for wide sheets, wide enough for any printer. */
const MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.25, footer: 0.3 };

export function setPrint(ws: Worksheet, locale: Locale, layout: PrintLayout): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    // Letter (1) is missing from exceljs's PaperSize enum; the file format knows it.
    paperSize: paperSize(locale) as Worksheet['pageSetup']['paperSize'],
    orientation: layout.orientation,
    fitToPage: true,
    fitToWidth: 1,
    // 0 = as many pages tall as needed.
    fitToHeight: layout.fit === 'page' ? 1 : 0,
    margins: MARGINS,
    horizontalCentered: layout.fit === 'page',
    ...(layout.titleRows ? { printTitlesRow: layout.titleRows } : {}),
    ...(layout.titleColumns ? { printTitlesColumn: layout.titleColumns } : {}),
  };
  // &A sheet name, &P page, &N pages. Escape a literal & in the sheet name.
  ws.headerFooter = { ...ws.headerFooter, oddFooter: `&L&8${ws.name.replace(/&/g, '&&')}&R&8${translator(locale)('print.page')}` };
}
