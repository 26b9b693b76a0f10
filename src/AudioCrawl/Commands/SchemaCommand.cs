using System.CommandLine;
using System.Text.Json;
using Crawler.Core.Configuration;

namespace AudioCrawl.Commands;

public static class SchemaCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var output = new Option<string?>("--output", "-o") { Description = $"Write the schema here (for example {ConfigSchema.FileName}) instead of standard output." };
        var command = new Command("schema", "Print the JSON Schema of crawlers.json, generated from the registered spiders.") { output };
        command.SetAction(parse => CommandAction.GuardAsync(environment, async () =>
        {
            var schema = ConfigSchema.Generate(CommonOptions.Registry(environment), CommonOptions.Sinks(environment))
                .ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            if (parse.GetValue(output) is { } path)
            {
                if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
                    throw new ConfigurationException($"-o {path}: the folder {folder} does not exist.");
                await File.WriteAllTextAsync(path, schema + "\n").ConfigureAwait(false);
            }
            else
            {
                await environment.Out.WriteLineAsync(schema).ConfigureAwait(false);
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
