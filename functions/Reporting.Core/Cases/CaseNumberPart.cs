
namespace Reporting.Core.Cases;

/// <summary>The part of a 案号 that failed to parse; named in every parse error.</summary>
public enum CaseNumberPart
{
    Whole,
    Year,
    Court,
    TypeCode,
    Sequence,
    Suffix,
}
