using System.ComponentModel.DataAnnotations;

namespace GymAutomation.Core.Common;

/// <summary>Runs an input's data annotations on the server side, the same rules the forms show.</summary>
public static class InputValidation
{
    public static Dictionary<string, string[]> Validate(object input)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        return results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Member: m, Message: r.ErrorMessage ?? "")))
            .GroupBy(e => e.Member)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
    }
}
