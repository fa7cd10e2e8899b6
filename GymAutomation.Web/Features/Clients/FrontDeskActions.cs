using GymAutomation.Core.Clients;
using GymAutomation.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace GymAutomation.Web.Features.Clients;

/// <summary>
/// The front desk's quick actions, the same from the list and from the client's page: check-in in one click,
/// and the add/edit dialogs. Each returns whether something was saved, so the screen knows to refresh.
/// </summary>
public sealed class FrontDeskActions(IDialogService dialogs, ISnackbar snackbar, FrontDesk desk, GymFormat format, IStringLocalizer<ClientsText> text)
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    public async Task<bool> CheckInAsync(int clientId, string clientName)
    {
        var result = await desk.RegisterVisitAsync(clientId);
        if (result.Value is { } visit)
        {
            snackbar.Add(text["CheckedIn", clientName, format.Local(visit.VisitedAt).ToShortTimeString()], Severity.Success);
            return true;
        }

        snackbar.Add(string.Join(" ", result.Errors.Values.SelectMany(m => m)), Severity.Error);
        return false;
    }

    public Task<Client?> EditClientAsync(Client? client) =>
        OpenAsync<ClientFormDialog, Client>(new() { { d => d.Client, client } });

    public async Task<bool> EditVisitAsync(int clientId, Visit? visit) =>
        await OpenAsync<VisitDialog, Visit>(new() { { d => d.ClientId, clientId }, { d => d.Visit, visit } }) is not null;

    public async Task<bool> EditBookingAsync(int clientId, ClassBooking? booking) =>
        await OpenAsync<BookingDialog, ClassBooking>(new() { { d => d.ClientId, clientId }, { d => d.Booking, booking } }) is not null;

    public async Task<bool> EditOrderAsync(int clientId, Order? order) =>
        await OpenAsync<OrderDialog, Order>(new() { { d => d.ClientId, clientId }, { d => d.Order, order } }) is not null;

    public async Task<bool> EditPaymentAsync(int clientId, Payment? payment) =>
        await OpenAsync<PaymentDialog, Payment>(new() { { d => d.ClientId, clientId }, { d => d.Payment, payment } }) is not null;

    public async Task<bool> EditMembershipAsync(int clientId, Membership? membership) =>
        await OpenAsync<MembershipDialog, Membership>(new() { { d => d.ClientId, clientId }, { d => d.Membership, membership } }) is not null;

    private async Task<TResult?> OpenAsync<TDialog, TResult>(DialogParameters<TDialog> parameters)
        where TDialog : IComponent
        where TResult : class
    {
        var dialog = await dialogs.ShowAsync<TDialog>(null, parameters, Options);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: TResult saved } ? saved : null;
    }
}
