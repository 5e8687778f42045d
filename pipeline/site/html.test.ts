import { describe, expect, it } from "vitest";
import { escapeHtml, externalUrl, html, trusted } from "./html.ts";

describe("html", () => {
  it("escapes every interpolated value, so that a cell never becomes markup", () => {
    const cell = `<script>alert("x")</script> & 'quoted'`;
    expect(html`<td>${cell}</td>`.value).toBe("<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;</td>");
    expect(html`<a title="${'" onmouseover="alert(1)'}">`.value).toBe('<a title="&quot; onmouseover=&quot;alert(1)">');
  });

  it("keeps markup made by html or trusted, joins arrays and drops null, undefined and false", () => {
    const items = ["a<b", "c"].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}${null}${undefined}${false}${0}</ul>`.value).toBe("<ul><li>a&lt;b</li><li>c</li>0</ul>");
    expect(html`${trusted("<br>")}`.value).toBe("<br>");
    expect(escapeHtml("1 < 2")).toBe("1 &lt; 2");
  });

  it("links only http(s) addresses taken from data", () => {
    expect(externalUrl("https://www.data.gouv.fr/datasets/x/")).toBe("https://www.data.gouv.fr/datasets/x/");
    expect(externalUrl("javascript:alert(1)")).toBeUndefined();
    expect(externalUrl("JaVaScRiPt:alert(1)")).toBeUndefined();
    expect(externalUrl("data:text/html,<script>")).toBeUndefined();
    expect(externalUrl("https://x.fr/a b")).toBeUndefined();
    expect(externalUrl(null)).toBeUndefined();
  });
});
