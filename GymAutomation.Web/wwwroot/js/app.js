// Small browser helpers the Blazor components call.
window.gym = {
  getTheme: () => localStorage.getItem("gym.theme"),
  setTheme: (value) => localStorage.setItem("gym.theme", value),
  // True once copied; false where the browser refuses (no permission, page not focused, not a secure context).
  copyText: async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  },
  // Brings the first field in error into view (a form can be taller than the screen) and puts the cursor in it.
  scrollToFirstError: (selector) => {
    const error = document.querySelector(selector);
    if (!error) {
      return;
    }

    error.scrollIntoView({ block: "center", behavior: "smooth" });
    const field = error.closest(".mud-input-control")?.querySelector("input, textarea");
    field?.focus({ preventScroll: true });
  },
  // Saves what the server streams as a file the browser downloads (an import's report).
  downloadFile: async (fileName, streamRef) => {
    const blob = new Blob([await streamRef.arrayBuffer()], { type: "text/csv" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.click();
    URL.revokeObjectURL(url);
  },
};
