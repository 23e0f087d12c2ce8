namespace Reporting.Pipeline.Files;

/// <summary>
/// Checks paths before any adapter touches them: relative, forward slashes, no empty, '.' or '..' segments,
/// no control characters. A court code or file name from outside can never leave its folder.
/// </summary>
public static class StorePath
{
    public static string Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.Length > 1024)
        {
            throw Invalid(path, "路径为空或过长", "the path is empty or too long");
        }
        if (path[0] == '/' || path.Contains('\\', StringComparison.Ordinal) || path.Contains(':', StringComparison.Ordinal))
        {
            throw Invalid(path, "路径必须是以“/”分隔的相对路径", "the path must be relative and separated by '/'");
        }
        foreach (var c in path)
        {
            if (char.IsControl(c))
            {
                throw Invalid(path, "路径含有控制字符", "the path contains a control character");
            }
        }
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == ".." || segment.Trim().Length == 0)
            {
                throw Invalid(path, "路径含有空段或“..”", "the path has an empty segment or '..'");
            }
        }
        return path;
    }

    /// <summary>A single path segment taken from outside (a court code, a window, a file name).</summary>
    public static string Segment(string value, string what)
    {
        if (!IsSegment(value))
        {
            throw new ArgumentException($"{what}“{value}”不能用作路径 / {what} '{value}' cannot be used in a path", nameof(value));
        }
        return value;
    }

    /// <summary>Whether a value from outside can be one path segment (what <see cref="Segment"/> accepts).</summary>
    public static bool IsSegment(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value is not ("." or "..") && value.AsSpan().IndexOfAny("/\\:") < 0
        && !value.Any(char.IsControl) && value.Length <= 200;

    public static string Join(params string[] segments) => Check(string.Join('/', segments));

    private static ArgumentException Invalid(string path, string zh, string en) =>
        new($"存储路径“{path}”无效：{zh} / invalid store path '{path}': {en}", nameof(path));
}
