// The part of pako 1.x (pinned, the deflate exceljs's own zip uses) that issue-sheets.ts uses: streaming raw deflate.
declare module 'pako' {
  export class Deflate {
    constructor(options?: { raw?: boolean; level?: number });
    push(data: Uint8Array, final: boolean): boolean;
    onData: (chunk: Uint8Array) => void;
    err: number;
    msg: string;
  }
  const pako: { Deflate: typeof Deflate };
  export default pako;
}
