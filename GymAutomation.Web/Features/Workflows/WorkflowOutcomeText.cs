namespace GymAutomation.Web.Features.Workflows;

/// <summary>A workflow's outcome reports: conversion by step and branch, time to goal, revenue, trend (WorkflowOutcomeText.resx).</summary>
public sealed class WorkflowOutcomeText;
