using System.Text.Json;

namespace Reporting.Pipeline.Files;

/// <summary>Small records kept as JSON files in a store (queue records, subscriptions, the delivery log).</summary>
public static class StoredJson
{
    /// <summary>The file's value; null when there is no such file (or it was removed between a listing and this read).</summary>
    public static async Task<T?> ReadJsonAsync<T>(this IFileStore files, string path, JsonSerializerOptions options, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(files);
        try
        {
            await using var stream = await files.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync<T>(stream, options, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Writes the value if the file is still at <paramref name="expectedVersion"/> (null: only if none exists); see <see cref="IFileStore.TryWriteAsync"/>.</summary>
    public static async Task<string?> TryWriteJsonAsync<T>(this IFileStore files, string path, T value, JsonSerializerOptions options, string? expectedVersion,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, options));
        return await files.TryWriteAsync(path, json, expectedVersion, cancellationToken).ConfigureAwait(false);
    }
}
