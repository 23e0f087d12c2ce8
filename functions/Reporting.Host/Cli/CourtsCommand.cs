using System.CommandLine;
using Reporting.Core.Courts;
using Reporting.Storage.Local;

namespace Reporting.Host.Cli;

/// <summary><c>reporting courts import FILE [--data DIR]</c>: validate a registry CSV and make it the data folder's.</summary>
public static class CourtsCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "法院名录CSV（code,name,level,parent）/ registry CSV" };
        var data = ReportingCli.DataOption();
        var import = new Command("import", "导入法院名录 / import a court registry") { file, data };
        import.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                context.Error.WriteLine($"文件不存在 / no such file: {path}");
                return 1;
            }
            CourtRegistry registry;
            try
            {
                using var reader = new StreamReader(path);
                registry = CourtRegistry.Load(reader, path);
            }
            catch (CourtRegistryException e)
            {
                context.Error.WriteLine(e.Message);
                return 2;
            }
            // The registry is a file of the data folder, read at every command's start; no other service is involved.
            var target = new DataFolderReference(Directory.CreateDirectory(parse.GetValue(data)!).FullName).RegistryPath;
            var temp = target + ".tmp";
            File.Copy(path, temp, overwrite: true);
            File.Move(temp, target, overwrite: true);
            var levels = registry.Courts.GroupBy(c => c.Level).OrderBy(g => g.Key).Select(g => $"{g.Key.ChineseName()}{g.Count()}");
            context.Out.WriteLine($"已导入 {registry.Courts.Count} 个法院（{string.Join("、", levels)}）/ imported {registry.Courts.Count} courts → {target}");
            return 0;
        });
        return new Command("courts", "法院名录 / court registry") { import };
    }
}
