// Traditional Chinese characters as their Simplified forms, for the look-alike checks (filter.ts `looks`): a status
// typed in Taiwan or Hong Kong, or exported by a system set to Traditional Chinese (`已簽約`), is the same word to a
// person as `已签约`, and another value to a filter. A small table of the characters of status, stage, region,
// product and payment words in CRM/ERP exports, not a converter (OpenCC's Traditional→Simplified data is 109 KB
// of JavaScript, loaded by every run): a word outside it is compared as written, as before.

/** Each pair: the Traditional character, then the Simplified one. */
const PAIRS =
  '簽签約约單单審审駁驳關关閉闭開开發发貨货進进廢废過过贏赢輸输丟丢敗败潛潜戶户報报價价談谈機机線线續续費费' +
  '壞坏賬账帳账應应實实華华東东區区總总銷销業业務务產产體体諮咨詢询訂订確确認认無无暫暂掛挂歸归檔档轉转結结' +
  '運运營营檢检驗验準准備备處处負负責责經经員员團团隊队個个門门網网電电話话會会項项紹绍贈赠優优數数額额計计' +
  '週周規规劃划預预測测達达標标獎奖傭佣紅红違违罰罚資资記记錄录狀状態态類类來来階阶導导請请證证號号碼码寫写' +
  '讀读說说還还後后這这為为與与對对從从裡里裏里擬拟壓压層层級级屬属際际聯联繫系係系絡络購购買买賣卖貸贷幣币' +
  '錢钱銀银庫库倉仓遲迟緊紧興兴舊旧復复複复雜杂簡简雙双頁页順顺領领頭头顧顾題题風风險险飛飞馬马點点齊齐匯汇' +
  '滙汇廣广廠厂廳厅張张彙汇徵征慮虑戰战據据損损換换撥拨擴扩擇择擔担條条權权歡欢歷历氣气決决況况減减滿满漲涨' +
  '潤润灣湾熱热獲获現现環环畫画當当盤盘眾众稅税積积穩稳競竞節节範范紀纪細细終终組组給给統统綜综維维編编縣县' +
  '績绩繳缴義义職职脫脱舉举術术補补製制視视訊讯設设許许評评試试詳详誤误調调論论識识議议讓让質质車车較较軟软' +
  '載载辦办連连遠远適适選选邊边郵邮醫医鋪铺錯错長长間间隨随雲云響响顯显餘余內内傳传億亿萬万兩两創创動动勝胜' +
  '協协參参問问啟启啓启圖图國国場场學学將将專专師师幫帮斷断時时書书極极構构樣样濟济爭争獨独監监離离種种稱称' +
  '筆笔納纳綠绿繼继腦脑裝装覽览觀观訪访語语護护變变蹤踪採采佈布們们儲储兌兑勞劳勵励園园圓圆壇坛夥伙奮奋嫻娴' +
  '寬宽尋寻並并廈厦彈弹徑径慶庆憑凭戲戏擊击敵敌氫氢淨净滯滞漢汉潔洁烏乌爾尔牆墙獄狱瑪玛畝亩療疗癒愈盜盗瞭了' +
  '矯矫礎础祿禄禮礼禱祷窮穷竊窃粵粤糧粮緣缘縮缩繩绳罷罢習习聖圣聲声聽听膽胆臉脸臨临舖铺艙舱藝艺藥药蘇苏蟲虫' +
  '衛卫衝冲襲袭親亲訴诉診诊詐诈該该誠诚誰谁課课諾诺謝谢講讲譯译豐丰貝贝貢贡貧贫貫贯販贩貿贸賀贺賃赁賓宾賞赏' +
  '賠赔賢贤賦赋賴赖趕赶跡迹躍跃輔辅輕轻輛辆輪轮辭辞農农遞递遷迁遺遗鄉乡釋释針针鈴铃鉛铅銅铜銳锐鋼钢錦锦鍵键' +
  '鎖锁鏈链鐵铁閱阅闆板陣阵陸陆陽阳隻只雞鸡雖虽靈灵韓韩頂顶頒颁頓顿頻频顏颜願愿飯饭飲饮館馆驅驱驚惊髮发鬆松' +
  '魚鱼鳥鸟麗丽麥麦黃黄黨党齡龄龍龙';

const TO_SIMPLIFIED: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const chars = [...PAIRS];
  for (let i = 0; i + 1 < chars.length; i += 2) if (chars[i] !== chars[i + 1]) m.set(chars[i]!, chars[i + 1]!);
  return m;
})();

/** Any character of the table: most texts have none and are returned as they are. */
const TRADITIONAL = new RegExp(`[${[...TO_SIMPLIFIED.keys()].join('')}]`, 'gu');

/** `text` with the Traditional characters of the table written Simplified (已簽約 → 已签约). */
export function simplified(text: string): string {
  return text.replace(TRADITIONAL, (c) => TO_SIMPLIFIED.get(c) ?? c);
}

/** The table's pairs (for tests: no character both ways, each pair one character to one). */
export const variantPairs = (): readonly [string, string][] => [...TO_SIMPLIFIED];
