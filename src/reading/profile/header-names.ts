// What a column header most likely means, in English or Chinese: "Sales Rep ID", 工号 → a rep id; 金额,
// 销售额 → an amount; 回款金额 → money collected. `kpi peek` uses it to tell money from plain numbers, and
// `kpi init --from` to name the columns of a drafted scheme. A guess for a draft: the user checks it.

export type Meaning =
  | 'rep_id'
  | 'rep_name'
  | 'name'
  | 'team'
  | 'role'
  | 'base_bonus'
  | 'start_date'
  | 'date'
  | 'created'
  | 'amount'
  | 'collected'
  | 'invoiced'
  | 'invoice'
  | 'invoice_date'
  | 'paid_date'
  | 'due_date'
  | 'status'
  | 'customer'
  | 'customer_name'
  | 'order_id'
  | 'region'
  | 'segment'
  | 'product'
  | 'quantity'
  | 'metric'
  | 'target'
  | 'period'
  | 'points'
  | 'reason'
  | 'score';

/** Whole headers (after normalising: see `normal`), by meaning. */
const EXACT: Record<Meaning, string[]> = {
  rep_id: [
    'repid',
    'salesrepid',
    'salespersonid',
    'salesid',
    'employeeid',
    'empid',
    'staffid',
    'ownerid',
    'agentid',
    'repcode',
    'salesrepcode',
    'employeeno',
    'staffno',
    '工号',
    '员工编号',
    '员工工号',
    '员工号',
    '销售编号',
    '销售员编号',
    '业务员编号',
    '销售工号',
    '职工号',
    '人员编号',
    '负责人编号',
    '销售代表编号',
    '业务员工号',
    '销售员工号',
    '员工id',
    '销售id',
    '业务员id',
    '销售员id',
  ],
  rep_name: [
    'rep',
    'salesrep',
    'salesperson',
    'salesman',
    'saleswoman',
    'seller',
    'owner',
    'accountowner',
    'dealowner',
    'opportunityowner',
    'repname',
    'salesrepname',
    'salespersonname',
    'agent',
    'accountmanager',
    '销售员',
    '业务员',
    '负责人',
    '销售代表',
    '销售人员',
    '销售',
    '客户经理',
    '业务代表',
    '经办人',
    '跟进人',
    '销售姓名',
    '业务员姓名',
    '销售员姓名',
    '负责人姓名',
    '归属人',
    '所属销售',
  ],
  name: ['name', 'fullname', 'employeename', 'staffname', '姓名', '名字', '员工姓名', '员工'],
  team: ['team', 'salesteam', 'group', 'squad', 'department', 'dept', '团队', '小组', '部门', '销售团队', '组别', '所属团队', '所属部门', '战队'],
  role: ['role', 'position', 'title', 'jobtitle', 'level', 'grade', '岗位', '职位', '角色', '职级', '岗位类型', '职务'],
  base_bonus: [
    'targetincentive',
    'basebonus',
    'bonusbase',
    'targetbonus',
    'ontargetbonus',
    'incentive',
    'bonus',
    'ote',
    '目标奖金',
    '奖金基数',
    '基础奖金',
    '标准奖金',
    '奖金',
    '绩效奖金基数',
    '月度奖金基数',
    '奖金标准',
  ],
  start_date: ['startdate', 'hiredate', 'joindate', 'startedon', 'hiredon', 'dateofhire', '入职日期', '入职时间', '到岗日期'],
  date: [
    'date',
    'closedate',
    'closeddate',
    'closed',
    'closedon',
    'wondate',
    'orderdate',
    'saledate',
    'salesdate',
    'transactiondate',
    'dealdate',
    'signedon',
    'signdate',
    'signeddate',
    'bookingdate',
    'bookeddate',
    '日期',
    '成交日期',
    '签约日期',
    '订单日期',
    '交易日期',
    '销售日期',
    '完成日期',
    '结单日期',
    '成交时间',
    '签约时间',
    '业务日期',
    '单据日期',
  ],
  created: [
    'created',
    'createdon',
    'createddate',
    'createdate',
    'creationdate',
    'opendate',
    'opened',
    'openedon',
    'startedat',
    '下单日期',
    '创建日期',
    '创建时间',
    '录入日期',
    '下单时间',
    '立项日期',
    '报备日期',
  ],
  amount: [
    'amount',
    'revenue',
    'sales',
    'salesamount',
    'value',
    'dealvalue',
    'dealamount',
    'orderamount',
    'ordervalue',
    'total',
    'totalamount',
    'netamount',
    'grossamount',
    'bookings',
    'contractvalue',
    'contractamount',
    '金额',
    '销售额',
    '销售金额',
    '成交金额',
    '订单金额',
    '合同金额',
    '收入',
    '营业额',
    '业绩',
    '含税金额',
    '价税合计',
    '总金额',
    '订单总额',
    '销售收入',
    '业绩金额',
  ],
  collected: [
    'collectedamount',
    'collected',
    'amountcollected',
    'paidamount',
    'amountpaid',
    'paid',
    'received',
    'receivedamount',
    'amountreceived',
    'paymentamount',
    'cashcollected',
    'collection',
    'collections',
    '回款金额',
    '回款',
    '实收金额',
    '已收金额',
    '收款金额',
    '到账金额',
    '实收',
    '已回款',
    '回款额',
    '已回款金额',
  ],
  invoiced: [
    'invoicedamount',
    'invoiceamount',
    'invoiced',
    'billed',
    'billedamount',
    'amountbilled',
    'amountdue',
    'receivable',
    'receivables',
    'invoicetotal',
    '开票金额',
    '发票金额',
    '应收金额',
    '应收',
    '应收账款',
    '开票额',
    '应收款',
  ],
  invoice: ['invoiceno', 'invoicenumber', 'invoiceid', 'invoice', 'invoicenum', 'billno', '发票号', '发票号码', '发票编号', '发票', '发票代码', '开票编号'],
  invoice_date: ['invoicedate', 'billingdate', 'billdate', 'invoicedon', '开票日期', '发票日期', '开票时间'],
  paid_date: [
    'paiddate',
    'paymentdate',
    'datepaid',
    'receiveddate',
    'collectiondate',
    'paidon',
    'collectedon',
    '回款日期',
    '收款日期',
    '到账日期',
    '付款日期',
    '回款时间',
    '实收日期',
  ],
  due_date: ['duedate', 'paymentdue', '到期日', '到期日期', '应收日期', '应回款日期', '约定回款日期'],
  status: [
    'status',
    'stage',
    'dealstage',
    'orderstatus',
    'state',
    'outcome',
    'result',
    'dealstatus',
    'opportunitystage',
    'salesstage',
    '状态',
    '阶段',
    '订单状态',
    '销售阶段',
    '成交状态',
    '跟进状态',
    '结果',
    '商机阶段',
    '单据状态',
    '合同状态',
  ],
  customer: [
    'customer',
    'customerid',
    'customerno',
    'customercode',
    'client',
    'clientid',
    'account',
    'accountid',
    'accountno',
    '客户',
    '客户编号',
    '客户代码',
    '客户id',
    '客户号',
  ],
  customer_name: ['customername', 'clientname', 'accountname', 'company', 'companyname', '客户名称', '客户名', '公司名称', '单位名称', '客户全称'],
  order_id: [
    'orderid',
    'orderno',
    'ordernumber',
    'order',
    'dealid',
    'opportunityid',
    'so',
    'sonumber',
    'salesorder',
    'contractno',
    'contractid',
    '订单编号',
    '订单号',
    '单号',
    '合同编号',
    '合同号',
    '单据编号',
    '订单id',
    '商机编号',
  ],
  region: ['region', 'territory', 'area', 'zone', '区域', '地区', '大区', '片区', '省份', '城市'],
  segment: ['segment', 'customersegment', 'tier', 'customertype', '客户类型', '客户分类', '细分', '客户等级'],
  product: ['product', 'item', 'sku', 'productname', 'productline', '产品', '商品', '产品名称', '商品名称', '产品线'],
  quantity: ['quantity', 'qty', 'units', '数量', '件数', '销量'],
  metric: ['metric', 'kpi', 'measure', '指标', '考核指标', '指标名称'],
  target: ['target', 'goal', 'quota', 'targetvalue', '目标', '目标值', '指标值', '任务', '任务额', '目标额'],
  period: ['period', 'month', 'yearmonth', 'fiscalmonth', 'quarter', '期间', '月份', '月', '年月', '考核期', '周期', '考核月份', '统计月份'],
  points: ['points', 'deductionpoints', 'penaltypoints', 'deduction', 'penalty', '扣分', '扣分值', '处罚分'],
  reason: ['reason', 'note', 'notes', 'comment', 'comments', 'remark', 'remarks', 'description', '原因', '事由', '备注', '说明', '扣分原因'],
  score: ['csat', 'score', 'rating', 'nps', 'satisfaction', '评分', '满意度', '得分', '客户满意度'],
};

/** Parts of a header, tried in order when no whole header matches ("销售金额（元）" holds 金额). */
const CONTAINS: [string, Meaning][] = [
  ['回款日期', 'paid_date'],
  ['收款日期', 'paid_date'],
  ['到账日期', 'paid_date'],
  ['开票日期', 'invoice_date'],
  ['入职', 'start_date'],
  ['下单', 'created'],
  ['创建', 'created'],
  ['日期', 'date'],
  ['时间', 'date'],
  ['paymentdate', 'paid_date'],
  ['paiddate', 'paid_date'],
  ['invoicedate', 'invoice_date'],
  ['closedate', 'date'],
  ['createdate', 'created'],
  ['回款', 'collected'],
  ['实收', 'collected'],
  ['已收', 'collected'],
  ['收款', 'collected'],
  ['开票', 'invoiced'],
  ['应收', 'invoiced'],
  ['collected', 'collected'],
  ['invoiced', 'invoiced'],
  ['工号', 'rep_id'],
  ['员工编号', 'rep_id'],
  ['销售员', 'rep_name'],
  ['业务员', 'rep_name'],
  ['负责人', 'rep_name'],
  ['销售代表', 'rep_name'],
  ['目标奖金', 'base_bonus'],
  ['奖金', 'base_bonus'],
  ['金额', 'amount'],
  ['销售额', 'amount'],
  ['amount', 'amount'],
  ['revenue', 'amount'],
  ['发票', 'invoice'],
  ['客户名称', 'customer_name'],
  ['客户', 'customer'],
  ['订单', 'order_id'],
  ['状态', 'status'],
  ['阶段', 'status'],
  ['区域', 'region'],
  ['团队', 'team'],
  ['岗位', 'role'],
];

/** Lower case, full-width folded (NFKC), spaces, punctuation and brackets dropped: "Sales Rep ID" → "salesrepid". */
export function normal(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-./:#'"()[\]{}<>【】《》、，,;；|]+/g, '');
}

let exactIndex: Map<string, Meaning> | null = null;

function exact(): Map<string, Meaning> {
  if (exactIndex === null) {
    exactIndex = new Map();
    for (const [meaning, names] of Object.entries(EXACT) as [Meaning, string[]][]) {
      for (const n of names) if (!exactIndex.has(n)) exactIndex.set(n, meaning);
    }
  }
  return exactIndex;
}

/** The meaning of a header, or undefined when it is not one kpi recognises. */
export function meaningOf(header: string): Meaning | undefined {
  const n = normal(header);
  if (n === '') return undefined;
  const whole = exact().get(n);
  if (whole !== undefined) return whole;
  // "(元)", "(USD)", "（万元）" and the like after a recognised header.
  const unitless = normal(header.normalize('NFKC').replace(/[(（[【][^)）\]】]*[)）\]】]\s*$/, ''));
  if (unitless !== n && unitless !== '') {
    const m = exact().get(unitless);
    if (m !== undefined) return m;
  }
  for (const [part, meaning] of CONTAINS) if (n.includes(part)) return meaning;
  return undefined;
}

const MONEY: ReadonlySet<Meaning> = new Set(['amount', 'collected', 'invoiced', 'base_bonus']);

/** A header that names an amount of money (amount, revenue, 金额, 回款金额, target incentive …). */
export function isMoneyHeader(header: string): boolean {
  const m = meaningOf(header);
  return m !== undefined && MONEY.has(m);
}

/** Headers in Chinese (or Japanese) script: the draft is written for a Chinese-speaking user. */
export function hasCjk(s: string): boolean {
  return /[\u3400-\u9fff\uf900-\ufaff]/.test(s);
}

/** A file whose headers are in Chinese: peek and init --from speak Chinese when no language is asked for. */
export function chineseHeaders(columns: readonly { header: string }[]): boolean {
  return columns.some((c) => hasCjk(c.header));
}
