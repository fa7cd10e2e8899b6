// The email builder's browser side: Quill editors for text blocks, and merge fields put in at the cursor.
// Quill is loaded on first use, from the app itself (the Content-Security-Policy allows scripts from 'self').
let quillLoading;
const editors = new WeakMap();

function loadQuill() {
  quillLoading ??= new Promise((resolve, reject) => {
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("../lib/quill/quill.snow.css", import.meta.url).href;
    document.head.append(style);
    const script = document.createElement("script");
    script.src = new URL("../lib/quill/quill.js", import.meta.url).href;
    script.onload = () => resolve(window.Quill);
    script.onerror = () => reject(new Error("Quill did not load."));
    document.head.append(script);
  });
  return quillLoading;
}

// Quill 2.0.3 writes every space as &nbsp;, which would also break {{ merge tags }}.
const htmlOf = (quill) => quill.getSemanticHTML().replaceAll("&nbsp;", " ");

export async function createEditor(element, html, dotnet, delayMs) {
  const Quill = await loadQuill();
  const quill = new Quill(element, {
    theme: "snow",
    modules: { toolbar: [["bold", "italic", "link"], [{ list: "ordered" }, { list: "bullet" }], ["clean"]] },
  });
  quill.setContents(quill.clipboard.convert({ html }), "silent");
  let timer;
  const send = () => {
    clearTimeout(timer);
    timer = undefined;
    return dotnet.invokeMethodAsync("ChangedAsync", htmlOf(quill));
  };
  quill.on("text-change", () => {
    clearTimeout(timer);
    timer = setTimeout(send, delayMs);
  });
  // Leaving the editor (to click Save, say) hands over the text still waiting for the pause, before the click.
  quill.root.addEventListener("blur", () => {
    if (timer !== undefined) {
      send();
    }
  });
  editors.set(element, quill);
}

export function setHtml(element, html) {
  const quill = editors.get(element);
  quill?.setContents(quill.clipboard.convert({ html }), "silent");
}

// Puts the text where the cursor was before the menu took the focus (Quill remembers it).
export function insertText(element, text) {
  const quill = editors.get(element);
  if (!quill) {
    return;
  }

  const range = quill.getSelection(true) ?? { index: quill.getLength() - 1, length: 0 };
  quill.deleteText(range.index, range.length, "user");
  quill.insertText(range.index, text, "user");
  quill.setSelection(range.index + text.length, 0, "user");
}

// The textarea's new value with the text in place of its selection; the component sends it back as its value.
export function insertAtCursor(wrapper, text) {
  const area = wrapper.querySelector("textarea, input");
  if (!area) {
    return null;
  }

  const start = area.selectionStart ?? area.value.length;
  const end = area.selectionEnd ?? start;
  return area.value.slice(0, start) + text + area.value.slice(end);
}
