namespace Sinks.Csv;

public enum CsvSinkMode
{
    /// <summary>Refuse to start when the file exists.</summary>
    CreateNew,

    /// <summary>Replace an existing file.</summary>
    Overwrite,

    /// <summary>Add rows to an existing file (the header is written only to a new or empty file).</summary>
    Append,
}
