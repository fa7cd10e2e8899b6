using GymAutomation.Core.Clients;
using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Integrations;

/// <summary>
/// Takes a website form: a new email becomes a lead (<c>LEAD_CREATED</c>), a known one is matched instead of
/// duplicated; either way the submission is recorded (<c>FORM_SUBMITTED</c>). Bad input writes nothing; its
/// errors are named as the API's fields.
/// </summary>
public sealed class LeadIntake(IDbContextFactory<GymDbContext> dbFactory, ClientService clients, EventOutbox outbox, EventBacklog backlog)
{
    public async Task<SaveResult<LeadReceipt>> SubmitAsync(WebFormLead lead, CancellationToken cancellationToken = default)
    {
        var input = lead.ToClientInput();
        var errors = InputValidation.Validate(lead);
        errors.AddAll(InputValidation.Validate(input));
        if (errors.Count > 0)
        {
            return SaveResult<LeadReceipt>.Invalid(ApiFields.Rename(errors));
        }

        await backlog.WaitForRoomAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Two forms sent with one new email take turns, so they cannot both miss the other's client and make two.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var email = EmailAddresses.Normalize(input.Email);
        await db.LockAsync($"lead:{email}", cancellationToken);
        var client = await db.Clients.Where(c => c.Email == email).OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        var created = client is null;
        if (client is null)
        {
            var staged = await clients.StageCreateAsync(db, input, new WriteOrigin(EventSources.Api), cancellationToken);
            if (!staged.Succeeded)
            {
                return SaveResult<LeadReceipt>.Invalid(ApiFields.Rename(staged.Errors));
            }

            client = staged.Value!;
        }

        var message = string.IsNullOrWhiteSpace(lead.Message) ? null : lead.Message.Trim();
        var submitted = outbox.Add(db, ClientEventTypes.FormSubmitted, client, source: EventSources.Api, data: new { source = input.Source!.Trim(), message });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SaveResult<LeadReceipt>.Ok(new LeadReceipt(client.Id, created, submitted.Id));
    }
}
