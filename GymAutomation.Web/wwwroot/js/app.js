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
};
