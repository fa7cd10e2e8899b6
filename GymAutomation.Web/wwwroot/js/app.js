// Small browser helpers the Blazor components call.
window.gym = {
  getTheme: () => localStorage.getItem("gym.theme"),
  setTheme: (value) => localStorage.setItem("gym.theme", value),
  copyText: (text) => navigator.clipboard.writeText(text),
};
