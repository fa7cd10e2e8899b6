using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using SQLitePCL;

namespace GymAutomation.Core.Data;

/// <summary>
/// Binds a row's columns to a prepared statement by position with code compiled once per table: each property read
/// typed, converted by its value converter's own expression, and bound by the call for its provider type. Through
/// objects (<see cref="SqliteValues.Bind"/>) every value was read through EF's getter, boxed, converted and tested for
/// its type: 85 ms of writing 16,000 alerts of 25 columns. It stores exactly what that binding stores
/// (<c>Data/SqliteValuesTests</c> compares them over every column of the model).
/// </summary>
internal static class SqliteRowBinder
{
    /// <summary>Binds <paramref name="row"/>'s columns to the parameters after <paramref name="offset"/>, numbered from 1.</summary>
    public delegate void Binder<in T>(T row, sqlite3 connection, sqlite3_stmt statement, int offset);

    private static readonly ConcurrentDictionary<(IEntityType EntityType, bool WithKeys), Delegate> Compiled = new();

    public static Binder<T> For<T>(IEntityType entityType, bool withKeys, IReadOnlyList<IProperty> properties) =>
        (Binder<T>)Compiled.GetOrAdd((entityType, withKeys), _ => Compile<T>(properties));

    /// <summary>
    /// What a row's binder does for one column, on its own: an <c>Action</c> of the property's model value, the connection,
    /// the statement and the parameter's number.
    /// </summary>
    public static Delegate ForValue(IProperty property)
    {
        var value = Expression.Parameter(property.ClrType, "value");
        var (connection, statement, index) = Parameters();
        return Expression.Lambda(Bind(property, value, connection, statement, index), value, connection, statement, index).Compile();
    }

    private static Binder<T> Compile<T>(IReadOnlyList<IProperty> properties)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var (connection, statement, offset) = Parameters();
        var columns = properties.Select((property, column) =>
            Bind(property, Read(row, property), connection, statement, Expression.Add(offset, Expression.Constant(column + 1))));
        return Expression.Lambda<Binder<T>>(Expression.Block(typeof(void), columns), row, connection, statement, offset).Compile();
    }

    private static (ParameterExpression Connection, ParameterExpression Statement, ParameterExpression Index) Parameters() =>
        (Expression.Parameter(typeof(sqlite3), "connection"), Expression.Parameter(typeof(sqlite3_stmt), "statement"), Expression.Parameter(typeof(int), "index"));

    /// <summary>The property's value on the row, through the complex properties that hold it.</summary>
    private static Expression Read(Expression row, IProperty property)
    {
        var path = new Stack<IPropertyBase>([property]);
        for (var type = property.DeclaringType; type is IComplexType complex; type = complex.ComplexProperty.DeclaringType)
        {
            if (complex.ComplexProperty.IsNullable)
            {
                throw new NotSupportedException($"{complex.ComplexProperty.Name} may be null: a row binder reads through required complex properties only.");
            }

            path.Push(complex.ComplexProperty);
        }

        return path.Aggregate(row, (target, member) => Expression.MakeMemberAccess(target, member.GetMemberInfo(forMaterialization: false, forSet: false)));
    }

    /// <summary>A null value binds NULL; any other is converted by the column's converter and bound by its provider type.</summary>
    private static BlockExpression Bind(IProperty property, Expression value, ParameterExpression connection, ParameterExpression statement, Expression index)
    {
        var held = Expression.Variable(value.Type, "held");
        Expression model = held;
        Expression? present = null;
        if (Nullable.GetUnderlyingType(value.Type) is not null)
        {
            present = Expression.Property(held, "HasValue");
            model = Expression.Property(held, "Value");
        }
        else if (!value.Type.IsValueType)
        {
            present = Expression.NotEqual(held, Expression.Constant(null, value.Type));
        }

        var provider = property.GetRelationalTypeMapping().Converter is { } converter
            ? Converted(model, converter.ConvertToProviderExpression)
            : model;
        var bind = BindProvider(provider, connection, statement, index);
        var bound = present is null ? bind : Expression.IfThenElse(present, bind, Call(nameof(BindNull), connection, statement, index));
        return Expression.Block(typeof(void), [held], Expression.Assign(held, value), bound);
    }

    private static Expression Converted(Expression model, LambdaExpression convert)
    {
        var parameter = convert.Parameters[0];
        return ReplacingExpressionVisitor.Replace(parameter, model.Type == parameter.Type ? model : Expression.Convert(model, parameter.Type), convert.Body);
    }

    /// <summary>The types <see cref="SqliteValues.Bind"/> knows, each by its own call; any other through it, which refuses it as it always has.</summary>
    private static Expression BindProvider(Expression value, ParameterExpression connection, ParameterExpression statement, Expression index)
    {
        var type = value.Type;
        if (!type.IsValueType)
        {
            var text = Expression.Variable(type, "text");
            var bind = type == typeof(string)
                ? Call(nameof(BindText), connection, statement, index, text)
                : Call(nameof(BindObject), connection, statement, index, Expression.Convert(text, typeof(object)));
            return Expression.Block(typeof(void), [text], Expression.Assign(text, value),
                Expression.IfThenElse(Expression.NotEqual(text, Expression.Constant(null, type)), bind, Call(nameof(BindNull), connection, statement, index)));
        }

        if (type.IsEnum)
        {
            return BindProvider(Expression.Convert(value, Enum.GetUnderlyingType(type)), connection, statement, index);
        }

        return type switch
        {
            _ when type == typeof(long) => Call(nameof(BindInteger), connection, statement, index, value),
            _ when type == typeof(int) => Call(nameof(BindInteger), connection, statement, index, Expression.Convert(value, typeof(long))),
            _ when type == typeof(bool) => Call(nameof(BindInteger), connection, statement, index, Expression.Condition(value, Expression.Constant(1L), Expression.Constant(0L))),
            _ when type == typeof(double) => Call(nameof(BindReal), connection, statement, index, value),
            _ when type == typeof(decimal) => Call(nameof(BindDecimal), connection, statement, index, value),
            _ when type == typeof(DateTime) => Call(nameof(BindDateTime), connection, statement, index, value),
            _ when type == typeof(DateTimeOffset) => Call(nameof(BindDateTimeOffset), connection, statement, index, value),
            _ when type == typeof(DateOnly) => Call(nameof(BindDateOnly), connection, statement, index, value),
            _ when type == typeof(TimeOnly) => Call(nameof(BindTime), connection, statement, index, value),
            _ => Call(nameof(BindObject), connection, statement, index, Expression.Convert(value, typeof(object))),
        };
    }

    private static MethodCallExpression Call(string method, params Expression[] arguments) =>
        Expression.Call(typeof(SqliteRowBinder).GetMethod(method, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!, arguments);

    private static void BindNull(sqlite3 connection, sqlite3_stmt statement, int index) => SqliteValues.Check(raw.sqlite3_bind_null(statement, index), connection);

    private static void BindInteger(sqlite3 connection, sqlite3_stmt statement, int index, long value) =>
        SqliteValues.Check(raw.sqlite3_bind_int64(statement, index, value), connection);

    private static void BindReal(sqlite3 connection, sqlite3_stmt statement, int index, double value) =>
        SqliteValues.Check(raw.sqlite3_bind_double(statement, index, value), connection);

    private static void BindText(sqlite3 connection, sqlite3_stmt statement, int index, string value) =>
        SqliteValues.Check(SqliteValues.BindText(statement, index, value), connection);

    private static void BindDecimal(sqlite3 connection, sqlite3_stmt statement, int index, decimal value) =>
        SqliteValues.Check(SqliteValues.BindDecimal(statement, index, value), connection);

    private static void BindDateTime(sqlite3 connection, sqlite3_stmt statement, int index, DateTime value) =>
        SqliteValues.Check(SqliteValues.BindDateTime(statement, index, value), connection);

    private static void BindDateTimeOffset(sqlite3 connection, sqlite3_stmt statement, int index, DateTimeOffset value) =>
        SqliteValues.Check(SqliteValues.BindFormatted(statement, index, value, SqliteValues.DateTimeOffsetFormat), connection);

    private static void BindDateOnly(sqlite3 connection, sqlite3_stmt statement, int index, DateOnly value) =>
        SqliteValues.Check(SqliteValues.BindFormatted(statement, index, value, SqliteValues.DateOnlyFormat), connection);

    private static void BindTime(sqlite3 connection, sqlite3_stmt statement, int index, TimeOnly value) =>
        SqliteValues.Check(SqliteValues.BindTime(statement, index, value), connection);

    private static void BindObject(sqlite3 connection, sqlite3_stmt statement, int index, object value) => SqliteValues.Bind(connection, statement, index, value);
}
