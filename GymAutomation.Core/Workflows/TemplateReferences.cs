using Fluid;
using Fluid.Ast;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// The variables and filters a parsed template uses, found by walking it, so that a misspelt merge field is refused
/// when the template is saved rather than rendered empty in thousands of emails. Variables the template defines
/// itself (<c>assign</c>, <c>capture</c>, loop variables) count as known wherever they are used.
/// </summary>
internal sealed class TemplateReferences : AstVisitor
{
    private readonly HashSet<string> defined = new(StringComparer.Ordinal);
    private readonly List<string> used = [];
    private readonly List<string> filters = [];

    private TemplateReferences()
    {
    }

    /// <summary>Walks <paramref name="template"/> once.</summary>
    public static TemplateReferences Of(IFluidTemplate template)
    {
        var references = new TemplateReferences();
        references.VisitTemplate(template);
        return references;
    }

    /// <summary>
    /// The variables the template expects from outside, each named as far as a merge field goes
    /// (<c>client.first_name</c>, not <c>client.first_name.size</c>, whose <c>size</c> belongs to the value).
    /// </summary>
    public IEnumerable<string> OutsideVariables => used.Where(path => !defined.Contains(path.Split('.')[0]));

    public IReadOnlyList<string> Filters => filters;

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        used.Add(Path(memberExpression));
        return base.VisitMemberExpression(memberExpression);
    }

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        filters.Add(filterExpression.Name);
        return base.VisitFilterExpression(filterExpression);
    }

    protected override Statement VisitAssignStatement(AssignStatement assignStatement)
    {
        defined.Add(assignStatement.Identifier);
        return base.VisitAssignStatement(assignStatement);
    }

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
    {
        defined.Add(captureStatement.Identifier);
        return base.VisitCaptureStatement(captureStatement);
    }

    protected override Statement VisitForStatement(ForStatement forStatement)
    {
        defined.Add(forStatement.Identifier);
        defined.Add("forloop");
        return base.VisitForStatement(forStatement);
    }

    protected override Statement VisitTableRowStatement(TableRowStatement tableRowStatement)
    {
        defined.Add(tableRowStatement.Identifier);
        defined.Add("tablerowloop");
        return base.VisitTableRowStatement(tableRowStatement);
    }

    protected override Statement VisitIncrementStatement(IncrementStatement incrementStatement)
    {
        defined.Add(incrementStatement.Identifier);
        return base.VisitIncrementStatement(incrementStatement);
    }

    protected override Statement VisitDecrementStatement(DecrementStatement decrementStatement)
    {
        defined.Add(decrementStatement.Identifier);
        return base.VisitDecrementStatement(decrementStatement);
    }

    private static string Path(MemberExpression memberExpression) =>
        string.Join('.', memberExpression.Segments
            .TakeWhile(s => s is IdentifierSegment)
            .Take(2)
            .Select(s => ((IdentifierSegment)s).Identifier));
}
