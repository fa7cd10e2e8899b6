using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Clients;

/// <summary>Creates and edits clients. Bad input returns its errors per field and writes nothing.</summary>
public sealed class ClientService(IDbContextFactory<GymDbContext> dbFactory, GymClock clock, EventOutbox outbox)
{
    /// <summary>Creates a client; a lead records <c>LEAD_CREATED</c> in the same transaction.</summary>
    public async Task<SaveResult<Client>> CreateAsync(ClientInput input, string source = EventSources.Desk, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var result = await StageCreateAsync(db, input, new WriteOrigin(source), cancellationToken);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>Validates and adds a new client (and its <c>LEAD_CREATED</c>) to a write in progress; saves nothing.</summary>
    internal async Task<SaveResult<Client>> StageCreateAsync(GymDbContext db, ClientInput input, WriteOrigin origin, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(db, input, clientId: null, cancellationToken);
        if (errors.Count > 0)
        {
            return SaveResult<Client>.Invalid(errors);
        }

        var createdAt = origin.OccurredAt ?? clock.UtcNow;
        var client = new Client { FirstName = "", CreatedAt = createdAt, UpdatedAt = clock.UtcNow };
        input.ApplyTo(client);
        db.Clients.Add(client);
        if (client.Status == ClientStatus.Lead)
        {
            outbox.Add(db, ClientEventTypes.LeadCreated, client, createdAt, origin.Source);
        }

        return SaveResult<Client>.Ok(client);
    }

    public async Task<SaveResult<Client>> UpdateAsync(int clientId, ClientInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.FindAsync([clientId], cancellationToken);
        if (client is null)
        {
            return SaveResult<Client>.Invalid("", ValidationText.ClientNotFound);
        }

        var errors = await ValidateAsync(db, input, clientId, cancellationToken);
        if (errors.Count > 0)
        {
            return SaveResult<Client>.Invalid(errors);
        }

        input.ApplyTo(client);
        client.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult<Client>.Ok(client);
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(GymDbContext db, ClientInput input, int? clientId, CancellationToken cancellationToken)
    {
        var errors = InputValidation.Validate(input);
        var email = EmailAddresses.Normalize(input.Email);
        if (email is not null && !errors.ContainsKey(nameof(ClientInput.Email))
            && await db.Clients.AnyAsync(c => c.Email == email && c.Id != clientId, cancellationToken))
        {
            errors[nameof(ClientInput.Email)] = [ValidationText.EmailInUse];
        }

        if (input.AssignedStaffId is { Length: > 0 } staffId
            && !await db.Users.AnyAsync(u => u.Id == staffId && u.IsActive, cancellationToken))
        {
            errors[nameof(ClientInput.AssignedStaffId)] = [ValidationText.RecordNotFound];
        }

        return errors;
    }
}
