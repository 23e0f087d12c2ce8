using System.Runtime.InteropServices;

namespace Reporting.Pdf.Fonts;

/// <summary>
/// Cuts a font face down to the characters a document uses, with HarfBuzz's subsetter (exported by the native library
/// HarfBuzzSharp ships). SkiaSharp's Linux build embeds whole faces (10 MB for Noto Sans SC), so the renderer hands
/// Skia the subset instead: a report then carries tens of kilobytes of font.
/// </summary>
public static partial class FontSubsetter
{
    private const string HarfBuzz = "libHarfBuzzSharp";

    /// <summary>The subset face as font file bytes; glyph ids differ from the full face's, so shape with the subset only.</summary>
    public static byte[] Subset(FontFace face, IEnumerable<int> codePoints)
    {
        var blob = hb_blob_create_from_file_or_fail(face.Path);
        if (blob == IntPtr.Zero)
        {
            throw new IOException($"cannot read font file {face.Path}");
        }
        var source = hb_face_create(blob, (uint)face.Index);
        var input = hb_subset_input_create_or_fail();
        try
        {
            var unicodes = hb_subset_input_unicode_set(input);
            foreach (var codePoint in codePoints)
            {
                hb_set_add(unicodes, (uint)codePoint);
            }
            var subset = hb_subset_or_fail(source, input);
            if (subset == IntPtr.Zero)
            {
                throw new InvalidOperationException($"HarfBuzz could not subset {face.Family} ({face.Path})");
            }
            var subsetBlob = hb_face_reference_blob(subset);
            try
            {
                var data = hb_blob_get_data(subsetBlob, out var length);
                var bytes = new byte[length];
                Marshal.Copy(data, bytes, 0, (int)length);
                return bytes;
            }
            finally
            {
                hb_blob_destroy(subsetBlob);
                hb_face_destroy(subset);
            }
        }
        finally
        {
            hb_subset_input_destroy(input);
            hb_face_destroy(source);
            hb_blob_destroy(blob);
        }
    }

    [LibraryImport(HarfBuzz, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr hb_blob_create_from_file_or_fail(string path);

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_face_create(IntPtr blob, uint index);

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_subset_input_create_or_fail();

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_subset_input_unicode_set(IntPtr input);

    [LibraryImport(HarfBuzz)]
    private static partial void hb_set_add(IntPtr set, uint codePoint);

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_face_reference_blob(IntPtr face);

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_blob_get_data(IntPtr blob, out uint length);

    [LibraryImport(HarfBuzz)]
    private static partial void hb_blob_destroy(IntPtr blob);

    [LibraryImport(HarfBuzz)]
    private static partial void hb_face_destroy(IntPtr face);

    [LibraryImport(HarfBuzz)]
    private static partial void hb_subset_input_destroy(IntPtr input);
}
