// DrawingML for one chart part (xl/charts/chartN.xml) and the drawing that places charts on a sheet. Elements are
// written in the order the schema's sequences require (ECMA-376 dml-chart.xsd, dml-spreadsheetDrawing.xsd): Excel
// asks to repair a file whose chart elements are out of order.
import type { ChartSpec } from './types.js';

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';

/** Characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF) are dropped. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function xmlText(s: string): string {
  return s.normalize('NFC').replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A number as the XML schema's xsd:double expects it (no NaN; -0 → 0). */
function num(x: number): string {
  return x === 0 ? '0' : String(x);
}

const DEFAULT_COLORS = ['4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47'];

function solid(rgb: string): string {
  return `<a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill>`;
}

/** Run properties of chart text; `ea` names the East Asian font so CJK labels never fall back to boxes. */
function textProps(size: number, bold: boolean, lang: string): string {
  return `<a:defRPr sz="${size}" b="${bold ? 1 : 0}"><a:latin typeface="Calibri"/>${lang.startsWith('zh') ? '<a:ea typeface="Microsoft YaHei"/>' : ''}</a:defRPr>`;
}

function txPr(size: number, lang: string, rotation?: number): string {
  const rot = rotation === undefined ? '' : ` rot="${rotation}" vert="horz"`;
  return `<c:txPr><a:bodyPr${rot}/><a:lstStyle/><a:p><a:pPr>${textProps(size, false, lang)}</a:pPr><a:endParaRPr lang="${lang}"/></a:p></c:txPr>`;
}

function title(text: string, lang: string): string {
  return (
    '<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p>' +
    `<a:pPr>${textProps(1200, true, lang)}</a:pPr>` +
    `<a:r><a:rPr lang="${lang}" sz="1200" b="1"/><a:t>${xmlText(text)}</a:t></a:r></a:p></c:rich></c:tx>` +
    '<c:overlay val="0"/></c:title>'
  );
}

function strData(values: readonly string[]): string {
  return `<c:ptCount val="${values.length}"/>` + values.map((v, i) => `<c:pt idx="${i}"><c:v>${xmlText(v)}</c:v></c:pt>`).join('');
}

function numData(values: readonly (number | null)[], format: string): string {
  // A blank (null) point is left out: the chart shows a gap, never a made-up 0.
  return (
    `<c:formatCode>${xmlText(format)}</c:formatCode><c:ptCount val="${values.length}"/>` +
    values.map((v, i) => (v === null || !Number.isFinite(v) ? '' : `<c:pt idx="${i}"><c:v>${num(v)}</c:v></c:pt>`)).join('')
  );
}

function categories(spec: ChartSpec): string {
  const c = spec.categories;
  return c.ref
    ? `<c:cat><c:strRef><c:f>${xmlText(c.ref)}</c:f><c:strCache>${strData(c.values)}</c:strCache></c:strRef></c:cat>`
    : `<c:cat><c:strLit>${strData(c.values)}</c:strLit></c:cat>`;
}

function seriesName(s: ChartSpec['series'][number]): string {
  return s.nameRef
    ? `<c:tx><c:strRef><c:f>${xmlText(s.nameRef)}</c:f><c:strCache>${strData([s.name])}</c:strCache></c:strRef></c:tx>`
    : `<c:tx><c:v>${xmlText(s.name)}</c:v></c:tx>`;
}

function values(s: ChartSpec['series'][number], format: string): string {
  return s.ref
    ? `<c:val><c:numRef><c:f>${xmlText(s.ref)}</c:f><c:numCache>${numData(s.values, format)}</c:numCache></c:numRef></c:val>`
    : `<c:val><c:numLit>${numData(s.values, format)}</c:numLit></c:val>`;
}

function dataLabels(spec: ChartSpec, format: string, position: 'outEnd' | 't'): string {
  if (!spec.dataLabels) return '';
  // CT_DLbls group order: numFmt, spPr, txPr, dLblPos, showLegendKey, showVal, showCatName, showSerName,
  // showPercent, showBubbleSize.
  return (
    `<c:dLbls><c:numFmt formatCode="${xmlText(format)}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
    `${txPr(800, spec.lang ?? 'en-US')}<c:dLblPos val="${position}"/><c:showLegendKey val="0"/><c:showVal val="1"/>` +
    '<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
  );
}

const CAT_AX = 500001;
const VAL_AX = 500002;

function axes(spec: ChartSpec, format: string): string {
  const lang = spec.lang ?? 'en-US';
  const horizontal = spec.kind === 'bar';
  // A bar chart lists categories top to bottom in data order: reverse the category axis, and keep the value axis
  // at the bottom by crossing at the maximum.
  const catPos = horizontal ? 'l' : 'b';
  const valPos = horizontal ? 'b' : 'l';
  const many = spec.categories.values.length > 8 && !horizontal;
  const grid = '<c:majorGridlines><c:spPr><a:ln w="6350">' + solid('D9D9D9') + '</a:ln></c:spPr></c:majorGridlines>';
  const line = `<c:spPr><a:ln w="9525">${solid('BFBFBF')}</a:ln></c:spPr>`;
  const scaling = (orientation: string, min?: number, max?: number) =>
    `<c:scaling><c:orientation val="${orientation}"/>${max !== undefined ? `<c:max val="${num(max)}"/>` : ''}${min !== undefined ? `<c:min val="${num(min)}"/>` : ''}</c:scaling>`;
  // CT_CatAx: axId, scaling, delete, axPos, majorGridlines, minorGridlines, title, numFmt, majorTickMark,
  // minorTickMark, tickLblPos, spPr, txPr, crossAx, crosses, auto, lblAlgn, lblOffset, tickLblSkip, tickMarkSkip, noMultiLvlLbl
  const cat =
    `<c:catAx><c:axId val="${CAT_AX}"/>${scaling(horizontal ? 'maxMin' : 'minMax')}<c:delete val="0"/>` +
    `<c:axPos val="${catPos}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="low"/>${line}${txPr(900, lang, many ? -2700000 : undefined)}` +
    `<c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>` +
    '<c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>';
  // CT_ValAx: axId, scaling, delete, axPos, majorGridlines, minorGridlines, title, numFmt, majorTickMark,
  // minorTickMark, tickLblPos, spPr, txPr, crossAx, crosses, crossBetween, majorUnit
  const val =
    `<c:valAx><c:axId val="${VAL_AX}"/>${scaling('minMax', spec.valueAxis?.min, spec.valueAxis?.max)}<c:delete val="0"/>` +
    `<c:axPos val="${valPos}"/>${grid}<c:numFmt formatCode="${xmlText(format)}" sourceLinked="0"/>` +
    `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr><a:ln><a:noFill/></a:ln></c:spPr>` +
    `${txPr(900, lang)}<c:crossAx val="${CAT_AX}"/><c:crosses val="${horizontal ? 'max' : 'autoZero'}"/>` +
    `<c:crossBetween val="between"/>${spec.valueAxis?.majorUnit !== undefined ? `<c:majorUnit val="${num(spec.valueAxis.majorUnit)}"/>` : ''}</c:valAx>`;
  return cat + val;
}

function plot(spec: ChartSpec, format: string): string {
  const series = spec.series
    .map((s, i) => {
      const color = s.color ?? DEFAULT_COLORS[i % DEFAULT_COLORS.length]!;
      const head = `<c:idx val="${i}"/><c:order val="${i}"/>${seriesName(s)}`;
      if (spec.kind === 'line') {
        // CT_LineSer: idx, order, tx, spPr, marker, dPt, dLbls, trendline, errBars, cat, val, smooth
        return (
          `<c:ser>${head}<c:spPr><a:ln w="28575" cap="rnd">${solid(color)}<a:round/></a:ln></c:spPr>` +
          `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr>${solid(color)}<a:ln>${solid(color)}</a:ln></c:spPr></c:marker>` +
          `${dataLabels(spec, format, 't')}${categories(spec)}${values(s, format)}<c:smooth val="0"/></c:ser>`
        );
      }
      // CT_BarSer: idx, order, tx, spPr, invertIfNegative, pictureOptions, dPt, dLbls, trendline, errBars, cat, val
      return (
        `<c:ser>${head}<c:spPr>${solid(color)}</c:spPr><c:invertIfNegative val="0"/>` +
        `${dataLabels(spec, format, 'outEnd')}${categories(spec)}${values(s, format)}</c:ser>`
      );
    })
    .join('');
  const ids = `<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/>`;
  if (spec.kind === 'line') {
    // CT_LineChart: grouping, varyColors, ser, dLbls, dropLines, hiLowLines, upDownBars, marker, smooth, axId×2
    return `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${ids}</c:lineChart>`;
  }
  // CT_BarChart: barDir, grouping, varyColors, ser, dLbls, gapWidth, overlap, serLines, axId×2
  return (
    `<c:barChart><c:barDir val="${spec.kind === 'bar' ? 'bar' : 'col'}"/><c:grouping val="clustered"/>` +
    `<c:varyColors val="0"/>${series}<c:gapWidth val="60"/>${spec.series.length > 1 ? '<c:overlap val="-10"/>' : ''}${ids}</c:barChart>`
  );
}

/** The chart part: c:chartSpace with its children in schema order. */
export function chartXml(spec: ChartSpec): string {
  const lang = spec.lang ?? 'en-US';
  const format = spec.numberFormat ?? 'General';
  const legend = spec.legend ?? spec.series.length > 1;
  // CT_Chart: title, autoTitleDeleted, pivotFmts, view3D, floor, sideWall, backWall, plotArea, legend,
  // plotVisOnly, dispBlanksAs
  const chart =
    `<c:chart>${title(spec.title, lang)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot(spec, format)}${axes(spec, format)}<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>` +
    (legend ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${txPr(900, lang)}</c:legend>` : '') +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>';
  // CT_ChartSpace: date1904, lang, roundedCorners, style, clrMapOvr, pivotSource, protection, chart, spPr, txPr,
  // externalData, printSettings, userShapes
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    `<c:date1904 val="0"/><c:lang val="${xmlText(lang)}"/><c:roundedCorners val="0"/>${chart}` +
    `<c:spPr>${solid('FFFFFF')}<a:ln w="9525">${solid('D9D9D9')}</a:ln></c:spPr>${txPr(1000, lang)}` +
    '<c:printSettings><c:headerFooter/><c:pageMargins b="0.75" l="0.7" r="0.7" t="0.75" header="0.3" footer="0.3"/><c:pageSetup/></c:printSettings>' +
    '</c:chartSpace>'
  );
}

// EMU per column/row are only used for the frame's nominal size; the anchor cells decide where the chart sits.
const EMU_PER_COL = 609600;
const EMU_PER_ROW = 190500;

/** The drawing part placing each chart (rIdN → chartN of `relIds`) over its cells. */
export function drawingXml(specs: readonly ChartSpec[], relIds: readonly string[]): string {
  const anchors = specs.map((s, i) => {
    const { col, row, cols, rows } = s.at;
    const cell = (c: number, r: number) => `<xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
    // CT_TwoCellAnchor: from, to, graphicFrame, clientData. CT_GraphicalObjectFrame: nvGraphicFramePr, xfrm, graphic.
    return (
      `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${cell(col, row)}</xdr:from><xdr:to>${cell(col + cols, row + rows)}</xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${xmlText(`Chart ${i + 1}`)}" descr="${xmlText(s.title)}"/>` +
      '<xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr>' +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="${cols * EMU_PER_COL}" cy="${rows * EMU_PER_ROW}"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="${relIds[i]}"/></a:graphicData></a:graphic>` +
      '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>'
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${anchors.join('')}</xdr:wsDr>`
  );
}
