using MudBlazor;

namespace GymAutomation.Web.Components.Layout;

/// <remarks>
/// The light palette's colours are dark enough for WCAG AA (4.5:1) both ways: as text on white, on the page's grey and
/// on their own pale tint (a text chip, an alert), and under white text (a filled chip, a count). MudBlazor's own
/// success, warning, info and error, and its secondary text, are not; the darken and lighten shades follow from these.
/// </remarks>
public static class GymTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00695c",
            Tertiary = "#bf360c",
            Info = "#1565c0",
            Success = "#1b7a3a",
            Warning = "#a85400",
            Error = "#c62828",
            TextSecondary = "rgba(0,0,0,0.64)",
            AppbarBackground = "#1a237e",
            Background = "#f5f6fa",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7986cb",
            Secondary = "#4db6ac",
            Tertiary = "#ff8a65",
            AppbarBackground = "#1e1e2d",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "248px" },
    };
}
