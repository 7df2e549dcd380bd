/** A request to show a page in the viewer; `nonce` makes a repeated request for one page count. */
export interface PageJump {
  page: number;
  nonce: number;
}
