using SkiaSharp;

namespace Reporting.Pdf.Fonts;

/// <summary>One face of a font file (a .ttc holds several), as found on disk.</summary>
public sealed record FontFace(string Path, int Index, string Family, int Weight)
{
    public bool IsBold => Weight >= (int)SKFontStyleWeight.SemiBold;
}

/// <summary>No usable font: names the folders searched and how to provision one.</summary>
public sealed class FontNotFoundException(string message) : Exception(message);

/// <summary>
/// The fonts a report may use, found in font folders: the configured one first, then <c>fonts/</c> next to the
/// binaries (where builds copy what <c>scripts/fonts.sh</c> provisions), then the system's. Nothing is taken from the
/// platform's font fallback: with SkiaSharp's self-contained Linux build there is none (see
/// docs/research/pdf-and-style.md), so every report names its fonts.
/// </summary>
public sealed class FontLibrary
{
    /// <summary>CJK families tried in order; each also covers Latin letters and digits.</summary>
    public static readonly IReadOnlyList<string> ChineseFamilies = ["Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei"];

    /// <summary>Families tried after the Chinese one, for symbols it lacks.</summary>
    public static readonly IReadOnlyList<string> FallbackFamilies = ["DejaVu Sans"];

    /// <summary>The setting naming a font folder searched first (as an environment variable, Reporting__FontFolder).</summary>
    public const string FolderSetting = "Reporting:FontFolder";

    private readonly List<FontFace> _faces;

    private FontLibrary(List<FontFace> faces, IReadOnlyList<string> searched)
    {
        _faces = faces;
        Searched = searched;
    }

    public IReadOnlyList<FontFace> Faces => _faces;

    public IReadOnlyList<string> Searched { get; }

    /// <summary>Fonts from the given folder (setting <see cref="FolderSetting"/>, when set), <c>fonts/</c> beside the binaries and the system folders.</summary>
    public static FontLibrary Discover(string? folder = null)
    {
        var folders = new List<string>();
        if (!string.IsNullOrWhiteSpace(folder))
        {
            folders.Add(Path.GetFullPath(folder));
        }
        folders.Add(Path.Combine(AppContext.BaseDirectory, "fonts"));
        folders.Add("/usr/share/fonts");
        folders.Add("/usr/local/share/fonts");
        return FromFolders(folders);
    }

    public static FontLibrary FromFolders(IReadOnlyList<string> folders)
    {
        var faces = new List<FontFace>();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var extension = Path.GetExtension(file).ToLowerInvariant();
                if (extension is not (".ttf" or ".otf" or ".ttc"))
                {
                    continue;
                }
                for (var index = 0; index < (extension == ".ttc" ? 16 : 1); index++)
                {
                    using var typeface = SKTypeface.FromFile(file, index);
                    if (typeface is null)
                    {
                        break;
                    }
                    faces.Add(new FontFace(file, index, typeface.FamilyName, typeface.FontWeight));
                }
            }
        }
        return new FontLibrary(faces, folders);
    }

    /// <summary>The face of a family nearest the weight asked for, or null.</summary>
    public FontFace? Find(string family, bool bold)
    {
        var target = bold ? (int)SKFontStyleWeight.Bold : (int)SKFontStyleWeight.Normal;
        return _faces.Where(f => string.Equals(f.Family, family, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => Math.Abs(f.Weight - target)).ThenBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Index)
            .FirstOrDefault();
    }

    /// <summary>The chain for one weight: the first Chinese family found, then any fallback families found.</summary>
    public IReadOnlyList<FontFace> Chain(bool bold)
    {
        var chinese = ChineseFamilies.Select(f => Find(f, bold)).FirstOrDefault(f => f is not null)
            ?? throw new FontNotFoundException(
                $"没有找到中文字体（{string.Join("、", ChineseFamilies)}）。请运行 bash scripts/fonts.sh，或把字体放入某个文件夹并设置 {FolderSetting}（环境变量 Reporting__FontFolder）。" +
                $" / No Chinese font found ({string.Join(", ", ChineseFamilies)}) in: {string.Join(", ", Searched)}. " +
                $"Run `bash scripts/fonts.sh`, or put a font in a folder and set {FolderSetting} (environment variable Reporting__FontFolder).");
        return [chinese, .. FallbackFamilies.Select(f => Find(f, bold)).OfType<FontFace>()];
    }
}
