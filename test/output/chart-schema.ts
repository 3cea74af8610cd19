// The sequences of ECMA-376 (dml-chart.xsd, dml-spreadsheetDrawing.xsd) for the elements our chart parts use:
// position of each child in its parent's xsd:sequence (members of one xsd:choice share a position). Excel asks to
// "repair" a file whose chart children are out of this order, so the tests check every element against it.
import type { XmlNode } from './xml-tree.js';

const seq = (...names: (string | string[])[]): Map<string, number> =>
  new Map(names.flatMap((n, i) => (Array.isArray(n) ? n : [n]).map((x) => [x, i] as [string, number])));

const CHARTS = [
  'areaChart',
  'area3DChart',
  'lineChart',
  'line3DChart',
  'stockChart',
  'radarChart',
  'scatterChart',
  'pieChart',
  'pie3DChart',
  'doughnutChart',
  'barChart',
  'bar3DChart',
  'ofPieChart',
  'surfaceChart',
  'surface3DChart',
  'bubbleChart',
];
const AX_SHARED = [
  'axId',
  'scaling',
  'delete',
  'axPos',
  'majorGridlines',
  'minorGridlines',
  'title',
  'numFmt',
  'majorTickMark',
  'minorTickMark',
  'tickLblPos',
  'spPr',
  'txPr',
  'crossAx',
  ['crosses', 'crossesAt'],
];

/** Parent element (local name, or "parent>child" when the type depends on the parent) → child order. */
const CHART_TYPES: Record<string, Map<string, number>> = {
  chartSpace: seq(
    'date1904',
    'lang',
    'roundedCorners',
    'style',
    'clrMapOvr',
    'pivotSource',
    'protection',
    'chart',
    'spPr',
    'txPr',
    'externalData',
    'printSettings',
    'userShapes',
    'extLst',
  ),
  'graphicData>chart': seq(),
  chart: seq(
    'title',
    'autoTitleDeleted',
    'pivotFmts',
    'view3D',
    'floor',
    'sideWall',
    'backWall',
    'plotArea',
    'legend',
    'plotVisOnly',
    'dispBlanksAs',
    'showDLblsOverMax',
    'extLst',
  ),
  plotArea: seq('layout', CHARTS, ['valAx', 'catAx', 'dateAx', 'serAx'], 'dTable', 'spPr', 'extLst'),
  barChart: seq('barDir', 'grouping', 'varyColors', 'ser', 'dLbls', 'gapWidth', 'overlap', 'serLines', 'axId', 'extLst'),
  'barChart>ser': seq(
    'idx',
    'order',
    'tx',
    'spPr',
    'invertIfNegative',
    'pictureOptions',
    'dPt',
    'dLbls',
    'trendline',
    'errBars',
    'cat',
    'val',
    'shape',
    'extLst',
  ),
  lineChart: seq('grouping', 'varyColors', 'ser', 'dLbls', 'dropLines', 'hiLowLines', 'upDownBars', 'marker', 'smooth', 'axId', 'extLst'),
  'lineChart>ser': seq('idx', 'order', 'tx', 'spPr', 'marker', 'dPt', 'dLbls', 'trendline', 'errBars', 'cat', 'val', 'smooth', 'extLst'),
  'ser>marker': seq('symbol', 'size', 'spPr', 'extLst'),
  catAx: seq(...AX_SHARED, 'auto', 'lblAlgn', 'lblOffset', 'tickLblSkip', 'tickMarkSkip', 'noMultiLvlLbl', 'extLst'),
  valAx: seq(...AX_SHARED, 'crossBetween', 'majorUnit', 'minorUnit', 'dispUnits', 'extLst'),
  dLbls: seq(
    'dLbl',
    ['delete', 'numFmt'],
    'spPr',
    'txPr',
    'dLblPos',
    'showLegendKey',
    'showVal',
    'showCatName',
    'showSerName',
    'showPercent',
    'showBubbleSize',
    'separator',
    'showLeaderLines',
    'leaderLines',
    'extLst',
  ),
  title: seq('tx', 'layout', 'overlay', 'spPr', 'txPr', 'extLst'),
  legend: seq('legendPos', 'legendEntry', 'layout', 'overlay', 'spPr', 'txPr', 'extLst'),
  strRef: seq('f', 'strCache', 'extLst'),
  numRef: seq('f', 'numCache', 'extLst'),
  numCache: seq('formatCode', 'ptCount', 'pt', 'extLst'),
  numLit: seq('formatCode', 'ptCount', 'pt', 'extLst'),
  strCache: seq('ptCount', 'pt', 'extLst'),
  strLit: seq('ptCount', 'pt', 'extLst'),
  scaling: seq('logBase', 'orientation', 'max', 'min', 'extLst'),
  printSettings: seq('headerFooter', 'pageMargins', 'pageSetup', 'legacyDrawingHF'),
  twoCellAnchor: seq('from', 'to', ['sp', 'grpSp', 'graphicFrame', 'cxnSp', 'pic', 'contentPart'], 'clientData'),
  from: seq('col', 'colOff', 'row', 'rowOff'),
  to: seq('col', 'colOff', 'row', 'rowOff'),
  graphicFrame: seq('nvGraphicFramePr', 'xfrm', 'graphic'),
  nvGraphicFramePr: seq('cNvPr', 'cNvGraphicFramePr'),
};

/** How many times a child may occur (default once); absent children are optional unless listed in REQUIRED. */
const MANY = new Set(['ser', 'pt', 'axId', 'dLbl', 'dPt', 'trendline', 'legendEntry', 'valAx', 'catAx', 'dateAx', 'serAx', ...CHARTS]);
const REQUIRED: Record<string, string[]> = {
  chartSpace: ['chart'],
  chart: ['plotArea'],
  barChart: ['barDir', 'axId'],
  lineChart: ['grouping', 'axId'],
  'barChart>ser': ['idx', 'order'],
  'lineChart>ser': ['idx', 'order'],
  catAx: ['axId', 'scaling', 'crossAx'],
  valAx: ['axId', 'scaling', 'crossAx'],
  strRef: ['f'],
  numRef: ['f'],
  numCache: ['ptCount'],
  strCache: ['ptCount'],
  twoCellAnchor: ['from', 'to', 'clientData'],
  graphicFrame: ['nvGraphicFramePr', 'xfrm', 'graphic'],
};

const local = (n: string) => n.replace(/^.*:/, '');

/** Every violation of the sequences above in the tree under `root` (chart or drawing part), as "path: problem". */
export function schemaOrderErrors(root: XmlNode): string[] {
  const errors: string[] = [];
  const walk = (n: XmlNode, parent: string, where: string) => {
    const name = local(n.name);
    const key = CHART_TYPES[`${parent}>${name}`] ? `${parent}>${name}` : name;
    const order = CHART_TYPES[key];
    // Only elements of the chart and drawing namespaces are checked (DrawingML text and fills are ours, simple).
    const checked = order && (n.name.startsWith('c:') || n.name.startsWith('xdr:'));
    if (checked) {
      let last = -1;
      const seen = new Map<string, number>();
      for (const c of n.children) {
        const cn = local(c.name);
        const pos = order.get(cn);
        if (pos === undefined) errors.push(`${where}/${name}: unexpected <${c.name}>`);
        else if (pos < last) errors.push(`${where}/${name}: <${c.name}> out of order`);
        else last = pos;
        seen.set(cn, (seen.get(cn) ?? 0) + 1);
      }
      for (const [cn, k] of seen) if (k > 1 && !MANY.has(cn)) errors.push(`${where}/${name}: <${cn}> ${k} times`);
      for (const r of REQUIRED[key] ?? []) if (!seen.has(r)) errors.push(`${where}/${name}: missing <${r}>`);
    }
    for (const c of n.children) walk(c, name, `${where}/${name}`);
  };
  walk(root, '', '');
  return errors;
}
