namespace GymAutomation.Core.Common;

/// <summary>
/// The outcome of a write that validates its input: either the saved value, or the errors per field
/// (nothing was written). The UI shows each error next to its field; the API answers 400 with them.
/// </summary>
public sealed class SaveResult<T>
{
    private SaveResult(T? value, IReadOnlyDictionary<string, string[]> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }
    public IReadOnlyDictionary<string, string[]> Errors { get; }
    public bool Succeeded => Errors.Count == 0;

    public static SaveResult<T> Ok(T value) => new(value, new Dictionary<string, string[]>());

    public static SaveResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(default, errors);

    public static SaveResult<T> Invalid(string field, string message) =>
        new(default, new Dictionary<string, string[]> { [field] = [message] });
}
